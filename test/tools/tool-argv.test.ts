import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildBpftraceEmitElfArgv,
  buildBpftraceFileArgv,
  buildBpftraceInlineArgv,
  buildVersionArgv,
  formatPositional,
} from '../../src/tools/tool-argv.js';

test('version argv', () => {
  assert.deepEqual(buildVersionArgv(), ['--version']);
});

test('inline program is one argv element after -e, untouched', () => {
  const program = 'tracepoint:net:netif_receive_skb { exit(); } interval:ms:200 { exit(); }';
  assert.deepEqual(buildBpftraceInlineArgv(program), ['-e', program]);
});

test('program file with positional parameters', () => {
  assert.deepEqual(buildBpftraceFileArgv('/x/econ-trace-kprobe.bt', [4026531840, 0]), [
    '/x/econ-trace-kprobe.bt',
    '4026531840',
    '0',
  ]);
  assert.deepEqual(buildBpftraceFileArgv('p.bt', []), ['p.bt']);
});

test('emit-elf dry run puts the ELF path right after --emit-elf', () => {
  assert.deepEqual(buildBpftraceEmitElfArgv('/tmp/o.elf', 'p.bt', [0]), [
    '--emit-elf',
    '/tmp/o.elf',
    'p.bt',
    '0',
  ]);
});

test('positional parameters accept only non-negative safe integers', () => {
  assert.deepEqual(formatPositional([0, 1, Number.MAX_SAFE_INTEGER]), [
    '0',
    '1',
    '9007199254740991',
  ]);
  for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
    assert.throws(() => formatPositional([0, bad]), /\$2 must be a non-negative integer/);
  }
});
