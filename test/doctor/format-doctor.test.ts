import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDoctor } from '../../src/doctor/format-doctor.js';
import { describeCoverage } from '../../src/doctor/describe-coverage.js';
import { planProbes, type ProbeCapabilities } from '../../src/doctor/plan-probes.js';
import type { DoctorReport } from '../../src/doctor/doctor-report.js';
import { assertGolden } from '../support/assert-golden.js';

/** A report as the doctor gives it on the project's Firecracker machines (hand-written). */
function vanillaMachineReport(): DoctorReport {
  const capabilities: ProbeCapabilities = {
    fentry: false,
    kprobe: false,
    tracepoint: true,
    econ: false,
    fentrySpelling: 'kfunc',
  };
  const plan = planProbes(capabilities);
  return {
    ok: true,
    checks: [
      {
        id: 'privileges',
        required: true,
        ok: true,
        detail: 'uid 0, CapEff 000001fffeffffff (CAP_BPF+CAP_PERFMON yes, CAP_SYS_ADMIN yes)',
        fix: '',
      },
      {
        id: 'bpftrace',
        required: true,
        ok: true,
        detail: 'bpftrace v0.17.0 (fentry spelled kfunc:)',
        fix: '',
      },
      {
        id: 'perf',
        required: false,
        ok: false,
        detail: 'perf was not found (needed for --cpu stack samples only)',
        fix: 'apt-get install linux-perf',
      },
      {
        id: 'tracefs',
        required: true,
        ok: true,
        detail: 'tracefs mounted at /sys/kernel/tracing',
        fix: '',
      },
      { id: 'btf', required: true, ok: true, detail: '/sys/kernel/btf/vmlinux present', fix: '' },
      {
        id: 'econ-kernel',
        required: false,
        ok: false,
        detail: 'no econ_rx in /proc/kallsyms: vanilla kernel (ECON probes are left out)',
        fix: 'boot the ECON kernel to record its fast path; vanilla recordings work here',
      },
      {
        id: 'econ-control',
        required: false,
        ok: true,
        detail: 'not an ECON kernel: no control file expected',
        fix: '',
      },
      {
        id: 'attach-fentry',
        required: false,
        ok: false,
        detail:
          'kfunc:netif_receive_skb did not attach: bpftrace exit 1: stdin:1:1-24: ERROR: kfunc/kretfunc not available for your kernel version.',
        fix: 'needs BPF trampolines',
      },
      {
        id: 'attach-kprobe',
        required: false,
        ok: false,
        detail:
          "kprobe:netif_receive_skb did not attach: bpftrace exit 255: ERROR: Error attaching probe: 'kprobe:netif_receive_skb'",
        fix: 'needs CONFIG_KPROBES and CONFIG_KPROBE_EVENTS; tracepoints are used instead',
      },
      {
        id: 'attach-tracepoint',
        required: true,
        ok: true,
        detail: 'tracepoint:net:netif_receive_skb attached (512 ms)',
        fix: '',
      },
    ],
    bpftraceVersion: 'v0.17.0',
    perfVersion: null,
    capabilities,
    plan,
    coverage: describeCoverage(plan),
  };
}

test('doctor text for a vanilla machine with tracepoints only (golden)', () => {
  assertGolden('doctor/doctor-vanilla.txt', formatDoctor(vanillaMachineReport()));
});

test('a failed required check says FAIL and not ready', () => {
  const r = vanillaMachineReport();
  r.ok = false;
  r.checks[3] = {
    id: 'tracefs',
    required: true,
    ok: false,
    detail: 'tracefs is not mounted',
    fix: 'mount -t tracefs nodev /sys/kernel/tracing',
  };
  const text = formatDoctor(r);
  assert.match(
    text,
    /^FAIL {2}tracefs +tracefs is not mounted -- fix: mount -t tracefs nodev \/sys\/kernel\/tracing$/m,
  );
  assert.match(text, /^Not ready to record/m);
});
