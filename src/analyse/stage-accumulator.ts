/**
 * Per-stage latency: a stage is the interval between two consecutive hops of a packet timeline,
 * named stageName(from, to). Hops skipped by a path (ECON hits, probes not attached) simply
 * produce a longer stage between the hops that were seen.
 */
import { CHECKPOINTS, checkpointInfo, stageName, type CheckpointId } from '../model/checkpoint.js';
import type { StageStats } from '../model/report.js';
import type { HopColumns } from './hop-columns.js';
import {
  createLatencyRecorder,
  finishLatency,
  recordLatency,
  type LatencyRecorder,
} from './latency-recorder.js';
import { stageSampleKey } from './run-analysis.js';

const N = CHECKPOINTS.length;

/** Hops carry CheckpointIds, so an order outside the table is a broken invariant. */
function checkpointAt(order: number): CheckpointId {
  const c = CHECKPOINTS[order];
  if (!c) throw new Error(`checkpoint order ${order} is outside the checkpoint table`);
  return c.id;
}

export interface StageAccumulator {
  /** Indexed by order(from) * N + order(to): iterating it yields path order of from, then to. */
  readonly cells: (LatencyRecorder | undefined)[];
}

export function createStageAccumulator(): StageAccumulator {
  return { cells: new Array<LatencyRecorder | undefined>(N * N).fill(undefined) };
}

export function addTimelineStages(acc: StageAccumulator, hops: HopColumns): void {
  for (let i = 1; i < hops.n; i++) {
    const from = hops.order[i - 1] ?? 0;
    const to = hops.order[i] ?? 0;
    const cell = from * N + to;
    let rec = acc.cells[cell];
    if (!rec) {
      rec = createLatencyRecorder(stageName(checkpointAt(from), checkpointAt(to)));
      acc.cells[cell] = rec;
    }
    // Hops are in path order; two CPUs' clocks can disagree by a little, so a hop taken on
    // another CPU may carry an earlier timestamp than the hop before it. That interval is
    // recorded as 0 ns rather than dropped, so the stage's count stays the packets that walked it.
    const d = (hops.tsNs[i] ?? 0) - (hops.tsNs[i - 1] ?? 0);
    recordLatency(rec, d > 0 ? d : 0);
  }
}

/** Stage statistics in path order; their samples go into `samples`. */
export function finishStages(
  acc: StageAccumulator,
  samples: Map<string, Float64Array>,
): StageStats[] {
  const out: StageStats[] = [];
  acc.cells.forEach((rec, cell) => {
    if (!rec) return;
    const from = checkpointAt(Math.floor(cell / N));
    const to = checkpointAt(cell % N);
    const name = stageName(from, to);
    const { latency, sample } = finishLatency(rec);
    samples.set(stageSampleKey(name), sample);
    out.push({ name, from, to, phase: checkpointInfo(to).phase, latency });
  });
  return out;
}
