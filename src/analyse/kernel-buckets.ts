/**
 * The bucket layout of econ-trace-aggregate.bt's in-kernel stage histograms, and their
 * summary as a LatencySummary. The kernel computes the bucket of a delta d (integer ns):
 * - d < 32: bucket d (exact);
 * - 2^e <= d < 2^(e+1), e >= 5: bucket 32 + (e - 5) * 16 + (d >> (e - 4)) - 16,
 *   16 equal buckets of width 2^(e-4) per power of two.
 * A bucket reports its midpoint, so a percentile is off by at most half a width: relative to
 * any value in the bucket, at most 2^(e-5) / 2^e = 1/32 (KERNEL_RELATIVE_ERROR).
 * The kernel keeps counts only, so min, max and mean come from bucket midpoints too (within the
 * same bound); nothing here is exact except the count.
 */
import type { LatencySummary } from '../model/report.js';
import { nearestRank } from './nearest-rank.js';

const SUB_BITS = 4;
const SUB = 2 ** SUB_BITS;
/** Values below this have their own bucket. */
const EXACT = 2 * SUB;

/** Bound on the relative error of any value a bucket reports: 1/32. */
export const KERNEL_RELATIVE_ERROR = 1 / (2 * SUB);

/** Highest bucket for a 64-bit delta (e = 63), plus one. */
export const KERNEL_BUCKETS = EXACT + (63 - SUB_BITS - 1) * SUB + SUB;

/** The kernel's bucket of a non-negative integer delta (mirrors the bpftrace program). */
export function kernelBucketOf(ns: number): number {
  if (ns < EXACT) return ns;
  const e = Math.floor(Math.log2(ns));
  // log2 of a double can round up just below a power of two; correct by one either way.
  const exp = 2 ** e > ns ? e - 1 : 2 ** (e + 1) <= ns ? e + 1 : e;
  const width = 2 ** (exp - SUB_BITS);
  return EXACT + (exp - SUB_BITS - 1) * SUB + Math.floor(ns / width) - SUB;
}

/** [lowNs, highNs): the deltas a bucket holds. */
export function kernelBucketBounds(bucket: number): { lowNs: number; highNs: number } {
  if (bucket < EXACT) return { lowNs: bucket, highNs: bucket + 1 };
  const k = bucket - EXACT;
  const exp = Math.floor(k / SUB) + SUB_BITS + 1;
  const width = 2 ** (exp - SUB_BITS);
  const lowNs = (SUB + (k % SUB)) * width;
  return { lowNs, highNs: lowNs + width };
}

/** Value a bucket reports: itself when exact, else the midpoint of its range. */
export function kernelBucketValue(bucket: number): number {
  if (bucket < EXACT) return bucket;
  const { lowNs, highNs } = kernelBucketBounds(bucket);
  return (lowNs + highNs) / 2;
}

const QUANTILES = [0.5, 0.9, 0.99, 0.999] as const;

/** Summary of one stage's buckets (bucket -> packets); every field 0 when empty. */
export function summariseKernelBuckets(counts: ReadonlyMap<number, number>): LatencySummary {
  const buckets = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  let count = 0;
  let sum = 0;
  for (const [b, n] of buckets) {
    count += n;
    sum += kernelBucketValue(b) * n;
  }
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  if (count === 0 || first === undefined || last === undefined) {
    return { count: 0, minNs: 0, meanNs: 0, p50Ns: 0, p90Ns: 0, p99Ns: 0, p999Ns: 0, maxNs: 0 };
  }
  const ranks = QUANTILES.map((q) => nearestRank(q, count));
  const found: number[] = [];
  let seen = 0;
  for (const [b, n] of buckets) {
    seen += n;
    while (found.length < ranks.length && seen >= (ranks[found.length] ?? Infinity)) {
      found.push(Math.round(kernelBucketValue(b)));
    }
  }
  const maxNs = Math.round(kernelBucketValue(last[0]));
  return {
    count,
    minNs: Math.round(kernelBucketValue(first[0])),
    meanNs: sum / count,
    p50Ns: found[0] ?? maxNs,
    p90Ns: found[1] ?? maxNs,
    p99Ns: found[2] ?? maxNs,
    p999Ns: found[3] ?? maxNs,
    maxNs,
  };
}
