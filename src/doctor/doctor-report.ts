/**
 * The doctor's result: JSON-safe (it is `econ-trace doctor --json`), one entry per check, what
 * the machine can probe, and the probe plan a recording here would use.
 */
import type { ProbePlanEntry } from '../model/manifest.js';
import type { CheckpointCoverage } from './describe-coverage.js';
import type { ProbeCapabilities } from './plan-probes.js';

export type DoctorCheckId =
  | 'privileges'
  | 'bpftrace'
  | 'perf'
  | 'tracefs'
  | 'btf'
  | 'econ-kernel'
  | 'econ-control'
  | 'attach-fentry'
  | 'attach-kprobe'
  | 'attach-tracepoint'
  | 'native-recorder';

export interface DoctorCheck {
  id: DoctorCheckId;
  ok: boolean;
  /** What was found, one line. */
  detail: string;
  /** One line saying how to fix it; '' when ok. */
  fix: string;
  /** Recording cannot work without it (the others narrow what a recording shows). */
  required: boolean;
}

export interface DoctorReport {
  /** Every required check passed. */
  ok: boolean;
  checks: DoctorCheck[];
  /** e.g. "v0.17.0"; null when bpftrace is missing. */
  bpftraceVersion: string | null;
  /** e.g. "6.1.192"; null when perf is missing. */
  perfVersion: string | null;
  capabilities: ProbeCapabilities;
  /** What a recording here would attach (planProbes with no forced mechanism). */
  plan: ProbePlanEntry[];
  /** Per checkpoint, which planned points can see it. */
  coverage: CheckpointCoverage[];
}
