/**
 * What a recording was asked for, after validation: every filter is a number the bpftrace
 * script takes as a positional parameter, every name has been checked. parse-record-flags.ts
 * builds it from the command line; build-record-plan.ts turns it into commands and a manifest.
 */
import type { DeviceAssignment, PathKind } from '../model/manifest.js';
import type { WorkloadKind } from '../lab/index.js';

/** Which probe mechanism to force; null = the recorder's default (tracepoints). */
export type ForcedProbes = 'tracepoint' | 'fentry' | 'kprobe';

/**
 * How packets are recorded: `aggregate` = per-stage latency histograms of every packet in the
 * kernel plus the events of a sample of packets; `events` = every event of every kept packet
 * printed (the native recorder also keeps the histograms).
 */
export type RecordMode = 'aggregate' | 'events';

/**
 * The in-kernel program: `native` = native/econ-trace-aggregate (libbpf, BTF raw tracepoints,
 * the cheaper; both modes, no filters), `bpftrace` = econ-trace-aggregate.bt in aggregate mode,
 * econ-trace-tracepoints.bt (or a function-probe program) in events mode.
 */
export type Tracer = 'native' | 'bpftrace';

/**
 * Which checkpoints the native recorder probes: `receive` = netif_receive_skb from the underlay
 * on and the socket points; `all` = also the sender side, the NIC, veth transmit and backlog
 * (net_dev_start_xmit, netif_rx, napi_gro_receive_entry), at about twice the cost.
 */
export type CheckpointSet = 'receive' | 'all';

/** Timelines kept by default in aggregate mode: 1 packet in this many. */
export const DEFAULT_AGGREGATE_SAMPLE = 64;

/** In-kernel filters; 0 means "any" for each, as in the tracepoint script. */
export interface RecordFilters {
  /** Inner IPv4 source address as a host-order u32. */
  saddr: number;
  daddr: number;
  sport: number;
  dport: number;
  /** IP protocol number (6 TCP, 17 UDP). */
  proto: number;
}

export interface LabWorkloadRequest {
  path: PathKind;
  kind: WorkloadKind;
  /** Messages per second; 0 = as fast as it goes. */
  ratePerSec: number;
  /** Payload bytes per message. */
  payloadBytes: number;
}

export interface RecordRequest {
  /** Run folder to write. */
  out: string;
  /** Write into a non-empty folder (its old content is removed first). */
  force: boolean;
  /** Label for reports; null = derived from kernel and path. */
  label: string | null;
  /** Stop after this many seconds; null = no time limit. */
  durationSec: number | null;
  /** Stop after this many packets (outer receive events); null = no limit. */
  packets: number | null;
  filters: RecordFilters;
  /** Name of the only network namespace to record (ip netns name); null = all but the machine's. */
  netns: string | null;
  /** In aggregate mode: the packets whose events are printed (timelines); all are aggregated. */
  sampling: { oneIn: number; unit: 'packet' | 'flow' };
  mode: RecordMode;
  /** null = native when it can be built here, else bpftrace (which is set when native can't do the request). */
  tracer: Tracer | null;
  /** Probe points of the native recorder; null = its default (nativeCheckpoints). */
  checkpoints: CheckpointSet | null;
  probes: ForcedProbes | null;
  /** Path the traffic takes, for the manifest. */
  path: PathKind;
  /** Device roles from --dev, or the lab's (labDevices) with --lab. */
  devices: DeviceAssignment[];
  /** Run a lab workload (needs the lab up); null otherwise. */
  lab: LabWorkloadRequest | null;
  /** Run this command as the workload; null otherwise. */
  command: string[] | null;
  /** perf stack samples at this frequency (Hz); null = no CPU samples. */
  cpu: { frequencyHz: number } | null;
}

/** The native recorder's checkpoints: the receive path in aggregate mode, all in events mode. */
export function nativeCheckpoints(
  request: Pick<RecordRequest, 'mode' | 'checkpoints'>,
): CheckpointSet {
  return request.checkpoints ?? (request.mode === 'events' ? 'all' : 'receive');
}

/** True when any filter or sampling narrows what is recorded. */
export function isNarrowed(request: Pick<RecordRequest, 'filters' | 'sampling'>): boolean {
  const f = request.filters;
  return (
    f.saddr !== 0 ||
    f.daddr !== 0 ||
    f.sport !== 0 ||
    f.dport !== 0 ||
    f.proto !== 0 ||
    request.sampling.oneIn > 1
  );
}
