/**
 * Live, needs root and bpftrace: runs the real doctor on this machine. Asserts only what the
 * project requires of every machine it records on (tracepoints attach; every check explains
 * itself; failures carry a fix) and prints the rest, so the test holds on kernels where kprobes
 * or fentry do attach as well as on the Firecracker machines where they do not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NATIVE_POINTS } from '../../src/record/build-record-plan.js';
import { runDoctor } from '../../src/doctor/run-doctor.js';
import { formatDoctor } from '../../src/doctor/format-doctor.js';
import { ensureTracefs } from '../../src/lab/ensure-tracefs.js';
import { assertLiveReady, findMissingForLive, skipUnlessLive } from '../tools/live-requirements.js';

const missing = findMissingForLive(['bpftrace', 'clang', 'cc']);

test(
  'live (root): the real doctor runs, tracepoints attach',
  { skip: skipUnlessLive(missing), timeout: 120_000 },
  async (t) => {
    assertLiveReady(missing);
    // The doctor only reports; mounting tracefs is the recorder's job, done here the same way
    // so a fresh machine (tracefs not mounted) checks what recording will really have.
    await ensureTracefs();
    const report = await runDoctor();
    for (const line of formatDoctor(report).trimEnd().split('\n')) t.diagnostic(line);
    for (const c of report.checks) {
      assert.notEqual(c.detail.trim(), '', `${c.id} has a detail`);
      if (!c.ok) assert.notEqual(c.fix.trim(), '', `${c.id} failed and has a fix`);
      else assert.equal(c.fix, '', `${c.id} is ok and has no fix`);
      assert.doesNotMatch(c.fix, /\n/, `${c.id}: fix is one line`);
    }
    const tracepoint = report.checks.find((c) => c.id === 'attach-tracepoint');
    assert.ok(tracepoint?.ok, `tracepoints must attach: ${tracepoint?.detail ?? 'no check'}`);
    assert.equal(report.capabilities.tracepoint, true);
    // CI installs clang and libbpf-dev: the default recorder must build and attach there.
    const native = report.checks.find((c) => c.id === 'native-recorder');
    assert.ok(native?.ok, `the native recorder must attach: ${native?.detail ?? 'no check'}`);
    // The loader attaches what the plan says the recorder probes (NATIVE_POINTS.all).
    assert.ok(
      native.detail.includes(`${NATIVE_POINTS.all.length} BTF raw tracepoints attached`),
      native.detail,
    );
    assert.ok(report.plan.some((e) => e.point === 'netif_receive_skb'));
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(report)));
  },
);
