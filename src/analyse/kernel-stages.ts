/**
 * Per-stage statistics from the kernel's histograms (a run recorded with --mode aggregate):
 * every packet the kernel saw, not only the sampled timelines. src/parse/bpftrace-stage-hist.ts
 * reads the file; kernel-buckets.ts says what a bucket stands for and how far off it can be.
 */
import { checkpointInfo, stageName } from '../model/checkpoint.js';
import type { StageStats } from '../model/report.js';
import type { StageHistograms } from '../parse/bpftrace-stage-hist.js';
import { KERNEL_RELATIVE_ERROR, summariseKernelBuckets } from './kernel-buckets.js';

export interface KernelStages {
  stats: StageStats[];
  /** Relative error bound of the percentiles (bucket half-width over value). */
  relativeError: number;
}

/** Stage statistics in path order (from, then to), one per histogram. */
export function summariseKernelStages(hist: StageHistograms): KernelStages {
  const cells = [...hist.stages.keys()].sort((a, b) => a - b);
  const stats: StageStats[] = [];
  for (const cell of cells) {
    const h = hist.stages.get(cell);
    if (!h) continue;
    stats.push({
      name: stageName(h.from, h.to),
      from: h.from,
      to: h.to,
      phase: checkpointInfo(h.to).phase,
      latency: summariseKernelBuckets(h.buckets),
    });
  }
  return { stats, relativeError: KERNEL_RELATIVE_ERROR };
}
