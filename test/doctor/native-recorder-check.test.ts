/**
 * The doctor's native recorder check against fake loaders: one slow to attach (it must be waited
 * for, not stopped at a fixed time), one refused by the kernel, one that never attaches.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNativeRecorder } from '../../src/doctor/native-recorder-check.js';
import { fakeBin } from '../tools/fake-bin.js';

const built = (loader: string) => async () => ({ loader: fakeBin(loader), object: 'x.bpf.o' });
const TIMES = { loadMs: 5_000, attachedMs: 100, stopMs: 2_000 };

test('a loader slower to attach than the attached time is waited for', async () => {
  const c = await checkNativeRecorder(built('fake-native-slow-attach'), TIMES);
  assert.equal(c.ok, true, c.detail);
  assert.match(c.detail, /14 BTF raw tracepoints attached/);
  assert.equal(c.fix, '');
});

test("a kernel that refuses the programs: the loader's ERROR line and a fix", async () => {
  const c = await checkNativeRecorder(built('fake-native-load-fail'), TIMES);
  assert.equal(c.ok, false);
  assert.match(c.detail, /ERROR: loading the BPF programs: Operation not permitted/);
  assert.match(c.fix, /--tracer bpftrace/);
});

test('a loader that never attaches is stopped after the load time and says so', async () => {
  const started = Date.now();
  const c = await checkNativeRecorder(built('sleep-forever'), { ...TIMES, loadMs: 300 });
  assert.equal(c.ok, false);
  assert.match(c.detail, /did not attach within 0\.3 s/);
  assert.ok(Date.now() - started < 4_000, 'stopped, not waited out');
});

test('a build that failed is reported with its reason and fix, nothing run', async () => {
  const c = await checkNativeRecorder(async () => ({
    reason: 'clang is not installed',
    fix: 'apt-get install clang libbpf-dev',
  }));
  assert.equal(c.ok, false);
  assert.match(c.detail, /^not built: clang is not installed/);
  assert.equal(c.fix, 'apt-get install clang libbpf-dev');
});
