/**
 * A streaming log-bucketed histogram of non-negative integer nanosecond values (stage and
 * end-to-end latencies from the packet timelines). Memory is bounded by the bucket layout, never
 * by how many values are recorded.
 *
 * Layout for `subBucketBits` = s (S = 2^s sub-buckets per power of two):
 * - values below 2^(s+1) each have their own bucket (exact);
 * - a value v in [2^e, 2^(e+1)) with e > s falls in one of S equal buckets of width 2^(e-s).
 * A percentile reports its bucket's midpoint (lower bound + width / 2), clamped to [min, max].
 * The true nearest-rank value lies in the same bucket, so the error is at most width / 2, which
 * relative to the value is at most 2^-(s+1): 1/256 = 0.39% for the default s = 7.
 *
 * count, min and max are exact. The mean is exact up to one final rounding: the sum of all
 * values (which can pass 2^53, e.g. 10M values of 1 ms = 1e16) is kept as two integer limbs,
 * `sumHigh` * 2^32 + `sumLow`, each an exact double.
 */
import type { LatencySummary } from '../model/report.js';
import { nearestRank } from './nearest-rank.js';

export const DEFAULT_SUB_BUCKET_BITS = 7;
/** Largest value kept as-is; larger ones are clamped (2^53 - 1 ns is about 104 days). */
const MAX_VALUE = Number.MAX_SAFE_INTEGER;
const TWO_32 = 4294967296;
/** Highest power-of-two exponent a value below 2^53 can have. */
const MAX_EXPONENT = 52;
/** Buckets allocated up front: enough for values up to about 2^(s+1+INITIAL_OCTAVES). */
const INITIAL_OCTAVES = 18;
/** Powers of two by exponent: `**` with a variable exponent is far slower on the hot path. */
const POW2 = Float64Array.from({ length: 64 }, (_, i) => 2 ** i);

function pow2(e: number): number {
  return POW2[e] ?? 2 ** e;
}

/** Percentile method and error bound, one sentence for the report model. */
export const PERCENTILE_METHOD =
  'Percentiles are nearest-rank over a log-bucketed histogram (exact below 256 ns, then 128 ' +
  'buckets per power of two, bucket midpoint clamped to the observed min and max), so each ' +
  'stage and end-to-end percentile is within 0.4% of the exact value; per-flow percentiles use ' +
  '16 buckets per power of two (within 3.2%); count, min, max and mean are exact.';

export interface LogHistogram {
  readonly subBucketBits: number;
  /** 2^(s+1): values below it have their own bucket. Kept here for the hot path. */
  readonly exactLimit: number;
  /** Count per bucket; grows on demand up to the full layout, never beyond. */
  counts: Float64Array;
  count: number;
  /** Infinity / -Infinity while empty. */
  minNs: number;
  maxNs: number;
  /** Sum of values = sumHigh * 2^32 + sumLow, with 0 <= sumLow < 2^32. */
  sumHigh: number;
  sumLow: number;
}

/** Relative error bound of percentiles for a given layout: 2^-(s+1). */
export function histogramRelativeError(subBucketBits = DEFAULT_SUB_BUCKET_BITS): number {
  return 2 ** -(subBucketBits + 1);
}

function totalBuckets(s: number): number {
  return 2 ** (s + 1) + (MAX_EXPONENT - s) * 2 ** s;
}

export function createLogHistogram(subBucketBits = DEFAULT_SUB_BUCKET_BITS): LogHistogram {
  if (!Number.isInteger(subBucketBits) || subBucketBits < 1 || subBucketBits > 12) {
    throw new Error(`subBucketBits must be an integer from 1 to 12, got ${subBucketBits}`);
  }
  const initial = Math.min(
    totalBuckets(subBucketBits),
    2 ** (subBucketBits + 1) + INITIAL_OCTAVES * 2 ** subBucketBits,
  );
  return {
    subBucketBits,
    exactLimit: 2 ** (subBucketBits + 1),
    counts: new Float64Array(initial),
    count: 0,
    minNs: Infinity,
    maxNs: -Infinity,
    sumHigh: 0,
    sumLow: 0,
  };
}

/** Bucket index of a non-negative integer value below 2^53. */
function bucketIndex(v: number, s: number): number {
  const exact = pow2(s + 1);
  if (v < exact) return v;
  const e = v < TWO_32 ? 31 - Math.clz32(v) : 63 - Math.clz32(Math.floor(v / TWO_32));
  // v / 2^(e-s) is a division by a power of two: exact, so the floor is the true sub-bucket.
  const sub = Math.floor(v / pow2(e - s)) - pow2(s);
  return exact + (e - s - 1) * pow2(s) + sub;
}

/** Value a bucket reports: exact buckets report themselves, others their midpoint. */
function bucketMidpoint(index: number, s: number): number {
  const exact = pow2(s + 1);
  if (index < exact) return index;
  const k = index - exact;
  const octave = Math.floor(k / pow2(s));
  const sub = k - octave * pow2(s);
  const width = pow2(octave + 1);
  return (pow2(s) + sub) * width + width / 2;
}

function ensureBucket(h: LogHistogram, index: number): void {
  if (index < h.counts.length) return;
  const size = Math.min(totalBuckets(h.subBucketBits), Math.max(index + 1, h.counts.length * 2));
  const grown = new Float64Array(size);
  grown.set(h.counts);
  h.counts = grown;
}

function addToSum(h: LogHistogram, v: number): void {
  if (v < TWO_32) {
    h.sumLow += v; // both terms below 2^32: the sum is below 2^33, exact
  } else {
    const high = Math.floor(v / TWO_32);
    h.sumHigh += high;
    h.sumLow += v - high * TWO_32;
  }
  if (h.sumLow >= TWO_32) {
    h.sumLow -= TWO_32;
    h.sumHigh += 1;
  }
}

/**
 * Record one value. Callers pass non-negative integer ns; anything else is a caller bug, made
 * harmless here: negatives and NaN count as 0, fractions are floored, huge values clamped.
 */
export function recordValue(h: LogHistogram, valueNs: number): void {
  let v = valueNs >= 0 ? Math.floor(valueNs) : 0;
  if (v > MAX_VALUE) v = MAX_VALUE;
  // Fast path: the exact buckets are always allocated.
  const index = v < h.exactLimit ? v : bucketIndex(v, h.subBucketBits);
  if (index >= h.counts.length) ensureBucket(h, index);
  h.counts[index] = (h.counts[index] ?? 0) + 1;
  h.count += 1;
  if (v < h.minNs) h.minNs = v;
  if (v > h.maxNs) h.maxNs = v;
  addToSum(h, v);
}

function clampToRange(h: LogHistogram, v: number): number {
  return v < h.minNs ? h.minNs : v > h.maxNs ? h.maxNs : v;
}

/** Nearest-rank q-quantile (q in 0..1) within the error bound; 0 when empty. */
export function percentile(h: LogHistogram, q: number): number {
  if (h.count === 0) return 0;
  const rank = nearestRank(q, h.count);
  let seen = 0;
  const counts = h.counts;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i] ?? 0;
    if (seen >= rank) return clampToRange(h, bucketMidpoint(i, h.subBucketBits));
  }
  return h.maxNs;
}

/** Exact mean (one rounding); 0 when empty. */
export function histogramMean(h: LogHistogram): number {
  return h.count === 0 ? 0 : (h.sumHigh * TWO_32 + h.sumLow) / h.count;
}

const SUMMARY_QUANTILES = [0.5, 0.9, 0.99, 0.999] as const;

/** The LatencySummary of a histogram; every field 0 when it is empty. */
export function summariseHistogram(h: LogHistogram): LatencySummary {
  if (h.count === 0) {
    return { count: 0, minNs: 0, meanNs: 0, p50Ns: 0, p90Ns: 0, p99Ns: 0, p999Ns: 0, maxNs: 0 };
  }
  // One walk over the buckets for all four quantiles (ranks are ascending).
  const ranks = SUMMARY_QUANTILES.map((q) => nearestRank(q, h.count));
  const found: number[] = [];
  let seen = 0;
  const counts = h.counts;
  for (let i = 0; i < counts.length && found.length < ranks.length; i++) {
    seen += counts[i] ?? 0;
    while (found.length < ranks.length && seen >= (ranks[found.length] ?? Infinity)) {
      found.push(clampToRange(h, bucketMidpoint(i, h.subBucketBits)));
    }
  }
  return {
    count: h.count,
    minNs: h.minNs,
    meanNs: histogramMean(h),
    p50Ns: found[0] ?? h.maxNs,
    p90Ns: found[1] ?? h.maxNs,
    p99Ns: found[2] ?? h.maxNs,
    p999Ns: found[3] ?? h.maxNs,
    maxNs: h.maxNs,
  };
}

/** Add `from` into `into` (same layout required) and return `into`. */
export function mergeHistograms(into: LogHistogram, from: LogHistogram): LogHistogram {
  if (into.subBucketBits !== from.subBucketBits) {
    throw new Error(
      `cannot merge histograms of different layouts (${into.subBucketBits} and ${from.subBucketBits} sub-bucket bits)`,
    );
  }
  ensureBucket(into, from.counts.length - 1);
  const src = from.counts;
  const dst = into.counts;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] ?? 0;
    if (c !== 0) dst[i] = (dst[i] ?? 0) + c;
  }
  into.count += from.count;
  if (from.minNs < into.minNs) into.minNs = from.minNs;
  if (from.maxNs > into.maxNs) into.maxNs = from.maxNs;
  into.sumHigh += from.sumHigh;
  into.sumLow += from.sumLow;
  if (into.sumLow >= TWO_32) {
    into.sumLow -= TWO_32;
    into.sumHigh += 1;
  }
  return into;
}
