/**
 * A timeline's hops as columns of numbers (path order of the checkpoint, timestamp, CPU), filled
 * once per timeline into reused arrays, so the accumulators that each walk the hops do not each
 * look checkpoint names up again or allocate.
 */
import { checkpointOrder } from '../model/checkpoint.js';
import type { TimelineHop } from '../model/timeline.js';

export interface HopColumns {
  /** Hops filled. */
  n: number;
  order: Int32Array;
  tsNs: Float64Array;
  cpu: Int32Array;
}

export function createHopColumns(capacity = 32): HopColumns {
  return {
    n: 0,
    order: new Int32Array(capacity),
    tsNs: new Float64Array(capacity),
    cpu: new Int32Array(capacity),
  };
}

export function fillHopColumns(c: HopColumns, hops: readonly TimelineHop[]): void {
  if (hops.length > c.order.length) {
    const bigger = createHopColumns(hops.length * 2);
    c.order = bigger.order;
    c.tsNs = bigger.tsNs;
    c.cpu = bigger.cpu;
  }
  c.n = hops.length;
  for (let i = 0; i < hops.length; i++) {
    const h = hops[i];
    if (!h) continue;
    c.order[i] = checkpointOrder(h.checkpoint);
    c.tsNs[i] = h.tsNs;
    c.cpu[i] = h.cpu;
  }
}
