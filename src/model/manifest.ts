/**
 * The run manifest: what a run folder holds and how it was recorded. The run folder format as a
 * whole is documented in docs/run-folder.md; src/run-folder/ reads and validates it.
 */

export const RUN_SCHEMA_VERSION = 1;

/** How a probe reached the kernel. */
/** raw-tracepoint: a BTF raw tracepoint (tp_btf) of the native recorder. */
export type ProbeMechanism =
  'fentry' | 'kprobe' | 'tracepoint' | 'raw-tracepoint' | 'perf-tracepoint' | 'synthetic';

/** Which network path the run's packets took. */
export type PathKind = 'overlay' | 'host';

/** What a network device is on the receive path; decides which checkpoint an event maps to. */
export type DeviceRole = 'underlay' | 'vxlan' | 'bridge' | 'host-veth' | 'container';

/** Format of an event file. */
export type EventFormat = 'bpftrace-csv' | 'perf-script';

export interface DeviceAssignment {
  /** Device name exactly as traces print it. */
  name: string;
  role: DeviceRole;
}

export interface ProbePlanEntry {
  /** Probe point (see ProbePoint) this entry covers. */
  point: string;
  mechanism: ProbeMechanism;
  /** The probe as attached, e.g. "tracepoint:net:netif_receive_skb" or "kfunc:vxlan_rcv". */
  probe: string;
}

export interface EventFileEntry {
  /** Path relative to the run folder, e.g. "events/packets.csv". */
  file: string;
  format: EventFormat;
}

/** In-kernel aggregates file: per-stage latency histograms of every packet (docs/run-folder.md). */
export interface AggregatesEntry {
  /** Path relative to the run folder, e.g. "aggregates/stages.txt". */
  file: string;
  format: 'bpftrace-stage-hist';
  /** Bound on a percentile's relative error from the histogram's bucket width, e.g. 0.03125. */
  relativeError: number;
}

export interface RunManifest {
  /** Must equal RUN_SCHEMA_VERSION. */
  schemaVersion: number;
  /** Short human label shown in reports, e.g. "vanilla 6.18 overlay". */
  label: string;
  /** Which path the traffic took. */
  path: PathKind;
  kernel: {
    /** `uname -r`. */
    release: string;
    /** `uname -v`. */
    version: string;
    /** econ_rx present in /proc/kallsyms. */
    econ: boolean;
    /** ECON switched on in its /proc control file (false when not an ECON kernel). */
    econEnabled: boolean;
  };
  hostname: string;
  recorder: {
    /** Tool that wrote the events, e.g. "econ-trace record", "perf", "bpftrace", "generator". */
    name: string;
    /** Its version string. */
    version: string;
    /** The command line(s) used, as an argv array per command. */
    commands: string[][];
  };
  /** Which probe points were attached, and how. */
  probePlan: ProbePlanEntry[];
  /** Device names and their roles on the path. */
  devices: DeviceAssignment[];
  /** Packet event files. One per run in schema 1. */
  events: EventFileEntry[];
  /** Wall-clock start and end, ISO 8601 UTC; end is null while recording. */
  startedAt: string;
  endedAt: string | null;
  /** Kernel clock the event timestamps come from, e.g. "CLOCK_MONOTONIC (bpftrace nsecs)". */
  clockSource: string;
  sampling: {
    /** Record 1 packet in `oneIn`; 1 = every packet. */
    oneIn: number;
    /** What the 1-in-N applies to. */
    unit: 'packet' | 'flow';
  };
  /** Events the tools reported lost while recording. */
  lostEvents: number;
  /** "complete" when recording ended normally; "partial" after a signal, crash or failed workload. */
  status: 'complete' | 'partial';
  /** Why a partial run stopped; '' when complete. */
  statusReason: string;
  /** Per-stage histograms aggregated in the kernel (record --mode aggregate); absent otherwise. */
  aggregates?: AggregatesEntry;
  synthetic: {
    /** True for modelled or generated data: reports mark it next to the label. */
    value: boolean;
    /** How it was made and from what; '' when not synthetic. */
    description: string;
  };
}
