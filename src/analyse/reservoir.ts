/**
 * A fixed-size uniform sample of a stream of latencies (Algorithm L, Li 1994): after n values,
 * every value is in the sample with probability capacity / n. The comparison bootstraps its
 * confidence intervals from these samples. Algorithm L draws random numbers only for the values
 * it keeps (about capacity * ln(n / capacity) of them), so the hot path is a counter compare.
 * Seeded: the same stream and seed give the same sample.
 */
import { createRng, nextIndex, nextOpenUnit, type Rng } from './prng.js';

export const DEFAULT_RESERVOIR_SIZE = 4096;

export interface Reservoir {
  readonly values: Float64Array;
  /** Values currently held (min(seen, capacity)). */
  size: number;
  /** Values offered so far. */
  seen: number;
  /** 1-based position of the next value to keep once the reservoir is full. */
  nextKeep: number;
  /** Algorithm L's running W. */
  w: number;
  readonly rng: Rng;
}

export function createReservoir(capacity = DEFAULT_RESERVOIR_SIZE, seed = 1): Reservoir {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new Error(`reservoir capacity must be a positive integer, got ${capacity}`);
  }
  return {
    values: new Float64Array(capacity),
    size: 0,
    seen: 0,
    nextKeep: Infinity,
    w: 0,
    rng: createRng(seed),
  };
}

function skipAhead(r: Reservoir): void {
  // 1 - w can round to 0 when w is within an ulp of 1: log(0) = -Infinity gives a skip of 0.
  r.nextKeep += Math.floor(Math.log(nextOpenUnit(r.rng)) / Math.log(1 - r.w)) + 1;
}

/** Offer one value to the sample. */
export function addToReservoir(r: Reservoir, value: number): void {
  const seen = ++r.seen;
  const capacity = r.values.length;
  if (seen <= capacity) {
    r.values[seen - 1] = value;
    r.size = seen;
    if (seen === capacity) {
      r.nextKeep = capacity;
      r.w = Math.exp(Math.log(nextOpenUnit(r.rng)) / capacity);
      skipAhead(r);
    }
    return;
  }
  if (seen < r.nextKeep) return;
  r.values[nextIndex(r.rng, capacity)] = value;
  r.w *= Math.exp(Math.log(nextOpenUnit(r.rng)) / capacity);
  skipAhead(r);
}

/** A copy of the values held, in reservoir order. */
export function reservoirSample(r: Reservoir): Float64Array {
  return r.values.slice(0, r.size);
}
