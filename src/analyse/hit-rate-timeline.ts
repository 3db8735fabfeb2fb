/**
 * ECON hits and misses over trace time, in equal-width buckets, without knowing the trace's
 * duration in advance: buckets start 10 ms wide, anchored at the first hit or miss rounded down
 * to a multiple of 10 ms; when a value would need more than MAX_BUCKETS buckets, the width
 * doubles and neighbouring pairs merge (as often as needed). The result depends only on the
 * values seen, not on when the doubling happened, so it is deterministic.
 */
import type { HitRateBucket } from '../model/report.js';

export const INITIAL_BUCKET_NS = 10_000_000;
export const MAX_BUCKETS = 120;

export interface HitRateTimeline {
  /** null until the first sample. */
  startNs: number | null;
  widthNs: number;
  /** Buckets in use (index of the last touched bucket + 1). */
  used: number;
  readonly hits: Float64Array;
  readonly misses: Float64Array;
}

export function createHitRateTimeline(): HitRateTimeline {
  return {
    startNs: null,
    widthNs: INITIAL_BUCKET_NS,
    used: 0,
    hits: new Float64Array(MAX_BUCKETS),
    misses: new Float64Array(MAX_BUCKETS),
  };
}

function mergePairs(arr: Float64Array): void {
  for (let j = 0; j < MAX_BUCKETS / 2; j++) {
    arr[j] = (arr[2 * j] ?? 0) + (arr[2 * j + 1] ?? 0);
  }
  arr.fill(0, MAX_BUCKETS / 2);
}

function doubleWidth(tl: HitRateTimeline): void {
  mergePairs(tl.hits);
  mergePairs(tl.misses);
  tl.widthNs *= 2;
  tl.used = Math.ceil(tl.used / 2);
}

/** Count one econ_rx outcome at `tsNs`. */
export function addHitRateSample(tl: HitRateTimeline, tsNs: number, hit: boolean): void {
  tl.startNs ??= Math.floor(tsNs / INITIAL_BUCKET_NS) * INITIAL_BUCKET_NS;
  // Input is in file order, which a reordering tracer may leave slightly out of time order:
  // an outcome earlier than the first bucket is counted in the first bucket.
  const offset = tsNs > tl.startNs ? tsNs - tl.startNs : 0;
  let index = Math.floor(offset / tl.widthNs);
  while (index >= MAX_BUCKETS) {
    doubleWidth(tl);
    index = Math.floor(offset / tl.widthNs);
  }
  if (hit) tl.hits[index] = (tl.hits[index] ?? 0) + 1;
  else tl.misses[index] = (tl.misses[index] ?? 0) + 1;
  if (index + 1 > tl.used) tl.used = index + 1;
}

/** Buckets from the first to the last one touched, empty ones in between included. */
export function finishHitRateTimeline(tl: HitRateTimeline): HitRateBucket[] {
  const out: HitRateBucket[] = [];
  if (tl.startNs === null) return out;
  for (let i = 0; i < tl.used; i++) {
    out.push({
      startNs: tl.startNs + i * tl.widthNs,
      widthNs: tl.widthNs,
      hits: tl.hits[i] ?? 0,
      misses: tl.misses[i] ?? 0,
    });
  }
  return out;
}
