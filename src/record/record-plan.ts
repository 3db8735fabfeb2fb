/**
 * A recording as data: the commands to run (argv arrays), what to compose before starting, when
 * to stop, and the manifest as it is written at the start. build-record-plan.ts makes it from a
 * RecordRequest and HostFacts; run-recording.ts carries it out.
 */
import type { RunManifest } from '../model/manifest.js';
import type { FunctionMechanism } from '../tools/compose-bpftrace-program.js';
import type { FentrySpelling } from '../tools/tool-version.js';
import type { WorkloadPlan } from '../lab/index.js';

/** Files inside the run folder (relative paths). */
export const RUN_FILES = {
  events: 'events/packets.csv',
  aggregates: 'aggregates/stages.txt',
  bpftraceStderr: 'raw/bpftrace.stderr.log',
  workloadLog: 'raw/workload.log',
  perfData: 'raw/perf.data',
  perfRecordLog: 'raw/perf-record.log',
  perfScript: 'cpu/perf-script.txt',
  perfScriptLog: 'raw/perf-script.stderr.log',
} as const;

export interface TracerPlan {
  /** What messages call it: "bpftrace" or "the native recorder". */
  name: string;
  /** Executable, e.g. "bpftrace". */
  command: string;
  args: string[];
  /** Extra environment for the tracer. */
  env: Record<string, string>;
  /**
   * The tracer writes the header and events itself to file descriptor 3 (the events file the
   * recorder opens) and reports "Printed N events, M packets" on stderr; its stdout carries the
   * aggregates only. The native recorder does: half a million lines a second then never pass
   * through this process, which would take a core's worth of the CPU the workload needs.
   */
  eventsOnFd3?: boolean;
  /** A function-probe program to compose into `programFile` before starting; null for the tracepoint script. */
  compose: {
    mechanism: FunctionMechanism;
    spelling: FentrySpelling;
    econ: boolean;
    programFile: string;
  } | null;
}

export interface PerfPlan {
  record: string[];
  script: string[];
  /** perf.data path, as in the argv. */
  dataFile: string;
}

export interface RecordPlan {
  /** Run folder. */
  dir: string;
  tracer: TracerPlan;
  perf: PerfPlan | null;
  /** Lab workload to run once the tracer is attached. */
  labWorkload: WorkloadPlan | null;
  /** Command to run once the tracer is attached. */
  command: string[] | null;
  durationSec: number | null;
  packets: number | null;
  /** Where bpftrace's exit dump of the in-kernel histograms goes (aggregate mode); else null. */
  aggregatesFile: string | null;
  /** Devices whose netif_receive_skb events count as packets (the underlay: outer receive). */
  packetDevices: string[];
  /** The manifest written at the start: status partial, endedAt null, statusReason "recording". */
  manifest: RunManifest;
}
