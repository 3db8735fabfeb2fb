/**
 * The built-in workload runs in a child Node: it must get the loader flags (tsx from source)
 * and none of the test runner's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickLoaderFlags, resolveBuiltinCommand } from '../../src/lab/resolve-builtin-command.js';

test('the built-in workload child keeps loader flags and drops test-runner flags', () => {
  assert.deepEqual(
    pickLoaderFlags([
      '--test',
      '--import',
      'tsx',
      '--test-concurrency=2',
      '--require=x.cjs',
      '--experimental-loader',
      'l.mjs',
    ]),
    ['--import', 'tsx', '--require=x.cjs', '--experimental-loader', 'l.mjs'],
  );
});

test('the built-in workload command points at the entry file next to the module', () => {
  const argv = resolveBuiltinCommand();
  assert.equal(argv[0], process.execPath);
  assert.match(argv.at(-1) ?? '', /src\/lab\/builtin-workload-main\.ts$/);
});
