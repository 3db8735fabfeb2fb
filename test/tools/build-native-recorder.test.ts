/**
 * Building the native recorder: a real build with clang and cc (skipped, with the reason, where
 * they are missing; required in CI), reuse while the sources are unchanged, a rebuild when one
 * changes, a readable reason when a compiler is missing, and the loader's refusal of bad
 * arguments before it touches the kernel.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, cp, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildNativeRecorder,
  isNativeRecorder,
  NATIVE_DIR,
  type NativeRecorder,
} from '../../src/tools/build-native-recorder.js';
import { runTool } from '../../src/tools/run-tool.js';
import { assertLiveReady, liveRequired } from './live-requirements.js';

const scratch = await mkdtemp(join(tmpdir(), 'econ-native-build-'));
after(() => rm(scratch, { recursive: true, force: true }));

const probe = await buildNativeRecorder({ buildDir: join(scratch, 'probe') });
const missing = isNativeRecorder(probe) ? [] : [`${probe.reason} (${probe.fix})`];
const skip = missing.length === 0 || liveRequired ? false : `needs ${missing.join(', ')}`;

test(
  'builds once, reuses while the sources are unchanged, rebuilds when one changes',
  { skip },
  async () => {
    assertLiveReady(missing);
    const sourceDir = join(scratch, 'src');
    await cp(NATIVE_DIR, sourceDir, { recursive: true });
    const buildDir = join(scratch, 'build');
    const builds: string[] = [];
    const onBuild = (dir: string): void => void builds.push(dir);
    const first = await buildNativeRecorder({ sourceDir, buildDir, onBuild });
    assert.ok(isNativeRecorder(first), JSON.stringify(first));
    const built = first as NativeRecorder;
    const firstTime = (await stat(built.loader)).mtimeMs;

    const again = await buildNativeRecorder({ sourceDir, buildDir, onBuild });
    assert.deepEqual(again, built);
    assert.deepEqual(builds, [buildDir], 'a build is announced, a reuse is not');
    assert.equal((await stat(built.loader)).mtimeMs, firstTime, 'unchanged sources: no rebuild');

    await appendFile(join(sourceDir, 'econ-trace-aggregate.c'), '\n/* changed */\n');
    await buildNativeRecorder({ sourceDir, buildDir });
    assert.notEqual((await stat(built.loader)).mtimeMs, firstTime, 'changed source: rebuilt');
  },
);

test(
  'the loader refuses bad arguments with a one-line reason and exit code 2',
  { skip },
  async () => {
    assertLiveReady(missing);
    const built = probe as NativeRecorder;
    const run = (args: string[]) =>
      runTool(built.loader, args, { reject: false, timeoutMs: 10_000 });
    const usage = await run([built.object]);
    assert.equal(usage.exitCode, 2);
    assert.match(usage.stderr, /^usage: /);
    const devices = ['ulB', '-', 'vxlan0', 'veth-c', 'eth0'];
    const notNumber = await run([built.object, '1', '0', 'x64', '0', ...devices]);
    assert.equal(notNumber.exitCode, 2);
    assert.equal(notNumber.stderr.trim(), 'ERROR: not a number: x64');
    const longName = await run([
      built.object,
      '1',
      '0',
      '64',
      '0',
      'a-very-long-device-name',
      ...devices.slice(1),
    ]);
    assert.equal(longName.exitCode, 2);
    assert.match(longName.stderr, /longer than 15 bytes/);
    const points = await run([built.object, '1', '0', '64', '0', ...devices, 'some']);
    assert.equal(points.exitCode, 2);
    assert.match(points.stderr, /points must be receive or all/);
  },
);

test('a missing compiler is a reason with the fix, not an exception', async () => {
  const r = await buildNativeRecorder({
    buildDir: join(scratch, 'none'),
    clang: join(scratch, 'no-such-clang'),
  });
  assert.ok(!isNativeRecorder(r));
  assert.match(r.reason, /no-such-clang is not installed/);
  assert.match(r.fix, /apt-get install clang libbpf-dev/);
});

test('a build folder that cannot be created is a reason with the fix, not an exception', async () => {
  // A regular file where a folder should be: ENOTDIR for anyone, root included.
  const file = join(scratch, 'a-file');
  await writeFile(file, '');
  const r = await buildNativeRecorder({ buildDir: join(file, 'build') });
  assert.ok(!isNativeRecorder(r));
  assert.match(r.reason, /^cannot create .*a-file\/build \(ENOTDIR\)$/);
  assert.match(r.fix, /as root/);
});
