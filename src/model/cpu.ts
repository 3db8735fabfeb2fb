/**
 * CPU time from perf stack samples (the run folder's cpu/ file), by receive-path category and
 * per packet. Computed by src/cpu/; JSON-safe like the rest of the report model.
 */
import type { IngestCounters } from './ingest.js';

/** Where a sample's CPU time went, from its frames (src/cpu/cpu-categories.ts). */
export type CpuCategory =
  | 'nic-gro'
  | 'softirq-backlog'
  | 'outer-ip-udp'
  | 'vxlan-decap'
  | 'bridge'
  | 'veth'
  | 'inner-ip'
  | 'transport-lookup'
  | 'socket-enqueue-wakeup'
  | 'copy-to-user'
  | 'econ'
  | 'other-networking'
  | 'not-networking';

export interface CpuCategoryStats {
  category: CpuCategory;
  /** One line for reports, e.g. "vxlan decap (vxlan_rcv, gro_cells)". */
  title: string;
  samples: number;
  /** CPU time in ns (see CpuSummary.timeSource). */
  ns: number;
  /** ns / packets; null when the run saw no packets. */
  nsPerPacket: number | null;
}

export interface FoldedStackStats {
  /** `comm;root;...;leaf`, as stackcollapse-perf.pl prints it (UTF-8 text). */
  stack: string;
  samples: number;
  /** Summed period (or samples when perf printed none). */
  weight: number;
}

export interface CpuSummary {
  /** The perf script file, relative to the run folder ("cpu/perf-script.txt.gz"). */
  file: string;
  /** Event folded, e.g. "cpu-clock:ppp"; '' when the file held no sample of a sampling event. */
  event: string;
  samples: number;
  /**
   * How ns were derived: `period` = the samples' periods are ns (cpu-clock, task-clock);
   * `frequency` = samples / the -F frequency of the perf command in the manifest;
   * `unknown` = neither (ns values are 0, only sample counts mean anything).
   */
  timeSource: 'period' | 'frequency' | 'unknown';
  /** CPU time of all folded samples, ns. */
  totalNs: number;
  /** Wire packets the run's timelines counted (RunReport.packets.wirePackets). */
  packets: number;
  /** CPU ns per packet over the networking categories (everything but not-networking). */
  nsPerPacket: number | null;
  /** Every category, in the table's order, including empty ones. */
  perCategory: CpuCategoryStats[];
  /** Heaviest folded stacks first (at most FOLDED_TOP), then what the rest adds up to. */
  folded: {
    top: FoldedStackStats[];
    /** Distinct stacks in the profile. */
    distinct: number;
    otherSamples: number;
    otherWeight: number;
    totalWeight: number;
  };
  /** Lines read, samples accepted, lost events and skipped lines by reason. */
  ingest: IngestCounters;
}

/** How many folded stacks a summary keeps. */
export const FOLDED_TOP = 200;

export interface NsPerPacketDelta {
  baselineNsPerPacket: number | null;
  candidateNsPerPacket: number | null;
  /** candidate - baseline; null when either side is unknown. */
  deltaNsPerPacket: number | null;
  /** delta / baseline; null when unknown or baseline is 0. */
  deltaRel: number | null;
}

export interface CpuCategoryDelta extends NsPerPacketDelta {
  category: CpuCategory;
}

export interface CpuComparison {
  /** Networking CPU per packet (CpuSummary.nsPerPacket) of both runs. */
  total: NsPerPacketDelta;
  perCategory: CpuCategoryDelta[];
}
