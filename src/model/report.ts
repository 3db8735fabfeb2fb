/**
 * The report model: everything a renderer needs, computed once by src/analyse/ and
 * src/compare/. JSON-safe (no bigint, Map, Date, undefined): it is the --json output.
 */
import type { CheckpointId, Phase } from './checkpoint.js';
import type { CpuComparison, CpuSummary } from './cpu.js';
import type { IngestCounters } from './ingest.js';
import type { FlowKey } from './timeline.js';

export const REPORT_SCHEMA_VERSION = 1;

/** Latency distribution of one stage or end-to-end span. All values integer ns except meanNs. */
export interface LatencySummary {
  count: number;
  minNs: number;
  meanNs: number;
  p50Ns: number;
  p90Ns: number;
  p99Ns: number;
  p999Ns: number;
  maxNs: number;
}

export interface StageStats {
  /** "from>to", see stageName(). */
  name: string;
  from: CheckpointId;
  to: CheckpointId;
  /** Phase of the `to` checkpoint: where the time was spent getting there. */
  phase: Phase;
  latency: LatencySummary;
}

export interface SpanStats {
  /** e.g. "outer_rcv>sock_ready". */
  name: string;
  latency: LatencySummary;
  /**
   * Optional denser quantiles for the CDF chart: q ascending in [0, 1], ns integer. When absent,
   * renderers plot the CDF from the percentiles in `latency`.
   */
  cdf?: { q: number; ns: number }[];
}

export interface CheckpointCount {
  checkpoint: CheckpointId;
  packets: number;
}

export interface FlowStats {
  flow: FlowKey;
  packets: number;
  /** End-to-end (outer_rcv to sock_ready) latency of the flow's packets; null when none had both. */
  endToEnd: LatencySummary | null;
  econHits: number;
  econMisses: number;
}

export interface CpuStats {
  cpu: number;
  /** Hops that happened on this CPU. */
  hops: number;
}

export interface HitRateBucket {
  /** Bucket start, ns since the run's clock origin. */
  startNs: number;
  widthNs: number;
  hits: number;
  misses: number;
}

export interface EconSummary {
  rx: { hit: number; already: number; miss: number; drop: number; other: number };
  /** hits / (hits + misses); null when neither happened. */
  hitRate: number | null;
  hitRateOverTime: HitRateBucket[];
  inserts: number;
  removals: number;
  flushes: number;
  deliver: { delivered: number; notDelivered: number };
  tx: { sentFast: number; notTcpUdp: number; notCached: number; pushFailed: number; other: number };
  txInserts: { inserted: number; disabled: number; filtered: number };
}

export interface PacketCounts {
  /** Timelines the joiner closed. */
  total: number;
  /** Timelines with every expected checkpoint for their path. */
  complete: number;
  /** complete / total (0 when total is 0). */
  completeness: number;
  /** Wire packets, counting GRO/GSO segments. */
  wirePackets: number;
  clonesLinked: number;
  /** Consecutive hops of one packet on different CPUs. */
  crossCpuHops: number;
  endedBy: { freed: number; timeout: number; endOfTrace: number };
  /** Checkpoints the completeness test expected for this run (given its path and probe plan). */
  expectedCheckpoints: CheckpointId[];
}

export interface RunReport {
  /** Folder name as given on the command line. */
  source: string;
  label: string;
  /** Shown next to the label wherever the run appears. */
  synthetic: { value: boolean; description: string };
  path: 'overlay' | 'host';
  kernel: { release: string; econ: boolean; econEnabled: boolean };
  recorder: string;
  status: 'complete' | 'partial';
  statusReason: string;
  /** Trace span covered by the events. */
  durationNs: number;
  ingest: IngestCounters;
  packets: PacketCounts;
  checkpoints: CheckpointCount[];
  stages: StageStats[];
  /**
   * Where `stages` comes from: `kernel-histograms` = every packet, aggregated in the kernel
   * (record --mode aggregate; percentiles within `relativeError`, min/max/mean from bucket
   * midpoints); `timelines` = the recorded (possibly sampled) packet timelines. Absent = timelines.
   * Everything else in the run (packets, flows, CPUs, end-to-end) always comes from timelines.
   */
  stageSource?: 'kernel-histograms' | 'timelines';
  /** Relative error bound of the stage percentiles when they come from kernel histograms. */
  relativeError?: number;
  /**
   * True when the stage times come from timelines a bpftrace program printed event by event
   * from inside the path it measures (events mode): the printing adds to every stage.
   */
  printedInPath?: boolean;
  /** outer_rcv to sock_ready, and outer_rcv to app_read where the application read was traced. */
  endToEnd: SpanStats[];
  /** Busiest flows first, at most 20. */
  flows: FlowStats[];
  cpus: CpuStats[];
  econ: EconSummary | null;
  /** CPU time from the run's perf stack samples (cpu/ in the run folder); null or absent without. */
  cpu?: CpuSummary | null;
}

/** A difference between candidate and baseline, with a 95% interval for it. */
export interface Delta {
  baselineNs: number;
  candidateNs: number;
  /** candidate - baseline. */
  deltaNs: number;
  /** (candidate - baseline) / baseline, as a fraction; null when baseline is 0. */
  deltaRel: number | null;
  /** 95% confidence interval of deltaNs; null when a side has too few samples. */
  ci95Ns: [number, number] | null;
}

export interface StageDelta {
  name: string;
  p50: Delta;
  p99: Delta;
  mean: Delta;
}

export interface Comparison {
  baseline: string;
  candidate: string;
  stages: StageDelta[];
  endToEnd: StageDelta[];
  /** Stages the baseline walks and the candidate never does, and the reverse. */
  skippedByCandidate: string[];
  onlyInCandidate: string[];
  /** e.g. "end-to-end p50 -41.2%, p99 -37.0%, ECON hit rate 98.1%". */
  headline: string;
  /** How the intervals were computed, one sentence. */
  ciMethod: string;
  /** CPU per packet by category, when both runs have stack samples (src/cpu/compare-cpu.ts). */
  cpu?: CpuComparison | null;
}

export interface ChartRef {
  /** Stable id, also the file stem: "<id>.svg" and "<id>.vl.json". */
  id: string;
  title: string;
}

export interface ReportModel {
  schemaVersion: number;
  generator: { name: 'econ-trace'; version: string };
  /** How percentiles were computed and their error bound, one sentence. */
  percentileMethod: string;
  runs: RunReport[];
  /** Each run after the first against the first. */
  comparisons: Comparison[];
  charts: ChartRef[];
}
