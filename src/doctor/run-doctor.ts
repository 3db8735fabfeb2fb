/**
 * `econ-trace doctor`: what this machine can record, checked for real. Reads /proc and /sys,
 * runs `bpftrace --version`, `perf --version` and one tiny attach test per mechanism (fentry,
 * kprobe, tracepoint, and the native recorder's raw tracepoints), then plans which mechanism
 * each probe point of the bpftrace programs would use. It only reports:
 * mounting tracefs or enabling ECON is left to the recorder or the user.
 */
import { hasKernelSymbol } from './read-proc.js';
import { readEconControl } from './econ-control.js';
import {
  checkBtf,
  checkEconControl,
  checkEconKernel,
  checkPrivileges,
  checkTracefs,
  TRACEFS_MOUNT_FIX,
} from './check-environment.js';
import { tryAttach, type AttachResult } from './attach-test.js';
import { checkNativeRecorder } from './native-recorder-check.js';
import { planProbes, type PlannableMechanism, type ProbeCapabilities } from './plan-probes.js';
import { describeCoverage } from './describe-coverage.js';
import type { DoctorCheck, DoctorReport } from './doctor-report.js';
import {
  detectBpftraceVersion,
  detectPerfVersion,
  pickFentrySpelling,
  type ToolVersion,
} from '../tools/tool-version.js';

export interface DoctorOptions {
  /** bpftrace executable (name or path); "bpftrace" by default. */
  bpftrace?: string;
  /** perf executable; "perf" by default. */
  perf?: string;
  /** Where /proc is; "/proc" by default (tests use a fake tree). */
  procRoot?: string;
  /** Where /sys is; "/sys" by default. */
  sysRoot?: string;
  /** The native recorder's check; builds and attaches it by default (tests pass their own). */
  checkNative?: () => Promise<DoctorCheck>;
}

/** bpftrace older than this lacks what the scripts use (BTF casts of tracepoint args). */
const MIN_BPFTRACE = { major: 0, minor: 17 };

export async function runDoctor(opts: DoctorOptions = {}): Promise<DoctorReport> {
  const bpftrace = opts.bpftrace ?? 'bpftrace';
  const procRoot = opts.procRoot ?? '/proc';
  const sysRoot = opts.sysRoot ?? '/sys';

  const [privileges, tracefs, btf, econ, control, bpftraceV, perfV] = await Promise.all([
    checkPrivileges(procRoot),
    checkTracefs(procRoot),
    checkBtf(sysRoot),
    hasKernelSymbol(procRoot, 'econ_rx').catch(() => false),
    readEconControl(procRoot),
    settle(detectBpftraceVersion(bpftrace)),
    settle(detectPerfVersion(opts.perf ?? 'perf')),
  ]);
  const spelling = bpftraceV.value ? pickFentrySpelling(bpftraceV.value) : 'kfunc';

  // One after another: parallel bpftrace starts would compete for the same probes and CPU.
  const attach: Record<PlannableMechanism, AttachResult | null> = {
    fentry: null,
    kprobe: null,
    tracepoint: null,
  };
  if (bpftraceV.value) {
    for (const m of ['fentry', 'kprobe', 'tracepoint'] as const)
      attach[m] = await tryAttach(bpftrace, m, spelling);
  }
  const native = await (opts.checkNative ?? checkNativeRecorder)();

  const checks: DoctorCheck[] = [
    privileges,
    checkBpftrace(bpftrace, bpftraceV),
    checkPerf(perfV),
    tracefs,
    btf,
    checkEconKernel(econ),
    checkEconControl(econ, control),
    checkAttach('fentry', attach.fentry, tracefs.ok),
    checkAttach('kprobe', attach.kprobe, tracefs.ok),
    checkAttach('tracepoint', attach.tracepoint, tracefs.ok),
    native,
  ];
  const capabilities: ProbeCapabilities = {
    fentry: attach.fentry?.ok ?? false,
    kprobe: attach.kprobe?.ok ?? false,
    tracepoint: attach.tracepoint?.ok ?? false,
    econ,
    fentrySpelling: spelling,
  };
  const plan = planProbes(capabilities);
  return {
    ok: checks.every((c) => c.ok || !c.required),
    checks,
    bpftraceVersion: bpftraceV.value?.text ?? null,
    perfVersion: perfV.value?.text ?? null,
    capabilities,
    plan,
    coverage: describeCoverage(plan),
  };
}

interface Settled<T> {
  value: T | null;
  error: string;
}

async function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  try {
    return { value: await p, error: '' };
  } catch (err) {
    return { value: null, error: err instanceof Error ? err.message : String(err) };
  }
}

function checkBpftrace(bpftrace: string, v: Settled<ToolVersion>): DoctorCheck {
  const base = { id: 'bpftrace', required: true } as const;
  if (!v.value)
    return {
      ...base,
      ok: false,
      detail: v.error,
      fix: 'apt-get install bpftrace (0.17 or newer), or pass its path',
    };
  const old = v.value.major === MIN_BPFTRACE.major && v.value.minor < MIN_BPFTRACE.minor;
  return old
    ? {
        ...base,
        ok: false,
        detail: `${bpftrace} ${v.value.text} is older than 0.17`,
        fix: 'install bpftrace 0.17 or newer',
      }
    : {
        ...base,
        ok: true,
        detail: `${bpftrace} ${v.value.text} (fentry spelled ${pickFentrySpelling(v.value)}:)`,
        fix: '',
      };
}

function checkPerf(v: Settled<ToolVersion>): DoctorCheck {
  return v.value
    ? { id: 'perf', required: false, ok: true, detail: `perf ${v.value.text}`, fix: '' }
    : {
        id: 'perf',
        required: false,
        ok: false,
        detail: `${v.error} (needed for --cpu stack samples only)`,
        fix: 'apt-get install linux-perf',
      };
}

const ATTACH_FIX: Record<PlannableMechanism, string> = {
  fentry:
    'needs BPF trampolines (x86-64, CONFIG_DEBUG_INFO_BTF, tracing programs allowed); kprobes or tracepoints are used instead',
  kprobe: 'needs CONFIG_KPROBES and CONFIG_KPROBE_EVENTS; tracepoints are used instead',
  tracepoint: "check `bpftrace -l 'tracepoint:net:*'` and the error above",
};

function checkAttach(
  m: PlannableMechanism,
  r: AttachResult | null,
  tracefsOk: boolean,
): DoctorCheck {
  const base = { id: `attach-${m}`, required: m === 'tracepoint' } as const;
  if (r === null)
    return {
      ...base,
      ok: false,
      detail: 'not tried: bpftrace unavailable',
      fix: 'install bpftrace first',
    };
  if (r.ok) return { ...base, ok: true, detail: r.detail, fix: '' };
  // Without tracefs nothing attaches; mounting it is the one fix to try first.
  return {
    ...base,
    ok: false,
    detail: r.detail,
    fix: tracefsOk ? ATTACH_FIX[m] : TRACEFS_MOUNT_FIX,
  };
}
