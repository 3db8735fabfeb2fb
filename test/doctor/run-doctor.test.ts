import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDoctor } from '../../src/doctor/run-doctor.js';
import { fakeBin } from '../tools/fake-bin.js';
import { makeFakeProc } from './fake-proc.js';

/** The native recorder is built and attached for real by its own tests and the live doctor test. */
const checkNative = async () => ({
  id: 'native-recorder' as const,
  required: false,
  ok: false,
  detail: 'not built: cc is not installed (bpftrace records instead, at a higher cost)',
  fix: 'apt-get install clang libbpf-dev',
});

const byId = (r: Awaited<ReturnType<typeof runDoctor>>, id: string) => {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `check ${id} present`);
  return c;
};

test('vanilla kernel, bpftrace 0.17, tracepoints only: ready, tracepoint plan', async () => {
  const fake = await makeFakeProc();
  const r = await runDoctor({
    bpftrace: fakeBin('bpftrace-vanilla'),
    perf: fakeBin('perf'),
    ...fake,
    checkNative,
  });
  assert.equal(r.ok, true);
  assert.equal(r.bpftraceVersion, 'v0.17.0');
  assert.equal(r.perfVersion, '6.1.192');
  assert.deepEqual(r.capabilities, {
    fentry: false,
    kprobe: false,
    tracepoint: true,
    econ: false,
    fentrySpelling: 'kfunc',
  });
  assert.match(
    byId(r, 'attach-kprobe').detail,
    /exit 255: create_probe_event: .* \| ERROR: Error attaching probe/,
  );
  assert.match(
    byId(r, 'attach-fentry').detail,
    /kfunc:netif_receive_skb did not attach: bpftrace exit 1/,
  );
  assert.ok(r.plan.every((e) => e.mechanism === 'tracepoint'));
  for (const c of r.checks) {
    assert.notEqual(c.detail, '', `${c.id} has a detail`);
    assert.equal(c.fix === '', c.ok, `${c.id}: fix iff failed`);
  }
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(r)));
});

test('newer bpftrace: fentry spelled fentry:, function points planned with fentry', async () => {
  const fake = await makeFakeProc({ econ: true, entries: { econ: 'enabled: 0\n' } });
  const r = await runDoctor({
    bpftrace: fakeBin('bpftrace-modern'),
    perf: fakeBin('perf'),
    ...fake,
    checkNative,
  });
  assert.equal(byId(r, 'attach-fentry').ok, true, byId(r, 'attach-fentry').detail);
  assert.equal(r.plan.find((e) => e.point === 'vxlan_rcv')?.probe, 'fentry:vxlan_rcv');
  assert.equal(r.plan.find((e) => e.point === 'econ_rx')?.mechanism, 'fentry');
  const control = byId(r, 'econ-control');
  assert.equal(control.ok, false);
  assert.match(control.detail, /ECON disabled/);
  assert.match(control.fix, /^enable ECON in .*econ$/);
});

test('missing tools, no tracefs, no BTF, no privileges: not ready, every failure has a fix', async () => {
  const fake = await makeFakeProc({
    capEff: '0000000000000000',
    tracefs: false,
    btf: false,
    econ: true,
  });
  const r = await runDoctor({
    bpftrace: fakeBin('absent-bpftrace'),
    perf: fakeBin('absent-perf'),
    ...fake,
    checkNative,
  });
  assert.equal(r.ok, false);
  for (const id of [
    'privileges',
    'bpftrace',
    'perf',
    'tracefs',
    'btf',
    'econ-control',
    'attach-tracepoint',
  ]) {
    assert.equal(byId(r, id).ok, false, id);
  }
  assert.equal(byId(r, 'tracefs').fix, 'mount -t tracefs nodev /sys/kernel/tracing');
  assert.match(byId(r, 'bpftrace').detail, /not found/);
  // Not required: bpftrace records without it.
  assert.equal(byId(r, 'native-recorder').required, false);
  assert.match(byId(r, 'econ-control').detail, /name is assumed/);
  assert.deepEqual(r.plan, []);
  for (const c of r.checks) if (!c.ok) assert.notEqual(c.fix, '', `${c.id} has a fix`);
});

test('without tracefs, failed attach checks point at the mount command', async () => {
  const fake = await makeFakeProc({ tracefs: false });
  const r = await runDoctor({
    bpftrace: fakeBin('bpftrace-vanilla'),
    perf: fakeBin('perf'),
    ...fake,
    checkNative,
  });
  assert.equal(byId(r, 'attach-kprobe').fix, 'mount -t tracefs nodev /sys/kernel/tracing');
  assert.equal(r.ok, false, 'tracefs is required');
});
