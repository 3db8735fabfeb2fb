/**
 * Percentile-bootstrap 95% intervals for the difference (candidate - baseline) of p50, p99 and
 * mean between two runs, from their reservoir samples. Each resample is n draws with
 * replacement from one side's sample of size n, independently for the two sides; the interval
 * is the 2.5th to 97.5th percentile (nearest rank) of the resampled differences.
 *
 * Drawing 2 x 1000 resamples of 4096 values for ~20 stages one value at a time takes seconds,
 * so the resample statistics are drawn from their exact or limiting distributions instead:
 * - percentiles: a resample's k-th smallest value is sorted[floor(n * U(k))], where U(k), the
 *   k-th smallest of n uniforms, is Beta(k, n - k + 1). Drawing that Beta gives exactly the
 *   distribution resample-and-sort would give, in constant time.
 * - mean: resampled value by value for samples up to EXACT_MEAN_MAX values; above that, drawn
 *   from its normal limit N(mean, variance / n) (plug-in variance), which the central limit
 *   theorem makes very close at those sizes.
 * The marginal distribution of each statistic is all a per-statistic interval needs, so the
 * three statistics are drawn independently.
 */
import { nearestRank } from '../analyse/nearest-rank.js';
import { createRng, nextIndex, type Rng } from '../analyse/prng.js';
import { nextBeta, nextNormal } from './random-variates.js';

/** Largest sample whose resample means are drawn value by value. */
export const EXACT_MEAN_MAX = 256;

export interface DeltaIntervals {
  p50: [number, number];
  p99: [number, number];
  mean: [number, number];
}

interface ResampleStats {
  p50: Float64Array;
  p99: Float64Array;
  mean: Float64Array;
}

function drawPercentiles(sorted: Float64Array, q: number, out: Float64Array, rng: Rng): void {
  const n = sorted.length;
  const k = nearestRank(q, n);
  for (let i = 0; i < out.length; i++) {
    const j = Math.min(n - 1, Math.floor(n * nextBeta(rng, k, n - k + 1)));
    out[i] = sorted[j] ?? 0;
  }
}

function drawMeans(sample: Float64Array, out: Float64Array, rng: Rng): void {
  const n = sample.length;
  let sum = 0;
  for (const v of sample) sum += v;
  const mean = sum / n;
  if (n <= EXACT_MEAN_MAX) {
    for (let i = 0; i < out.length; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += sample[nextIndex(rng, n)] ?? 0;
      out[i] = s / n;
    }
    return;
  }
  let squares = 0;
  for (const v of sample) squares += (v - mean) * (v - mean);
  const sd = Math.sqrt(squares / n / n);
  for (let i = 0; i < out.length; i++) out[i] = mean + sd * nextNormal(rng);
}

function resampleSide(sample: Float64Array, resamples: number, rng: Rng): ResampleStats {
  const sorted = Float64Array.from(sample).sort();
  const out: ResampleStats = {
    p50: new Float64Array(resamples),
    p99: new Float64Array(resamples),
    mean: new Float64Array(resamples),
  };
  drawPercentiles(sorted, 0.5, out.p50, rng);
  drawPercentiles(sorted, 0.99, out.p99, rng);
  drawMeans(sorted, out.mean, rng);
  return out;
}

function interval(base: Float64Array, cand: Float64Array): [number, number] {
  const diffs = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) diffs[i] = (cand[i] ?? 0) - (base[i] ?? 0);
  diffs.sort();
  const lo = diffs[nearestRank(0.025, diffs.length) - 1] ?? 0;
  const hi = diffs[nearestRank(0.975, diffs.length) - 1] ?? 0;
  return [lo, hi];
}

/** Intervals for one stage or span; the caller decides whether the samples are large enough. */
export function bootstrapDeltaIntervals(
  baseline: Float64Array,
  candidate: Float64Array,
  resamples: number,
  seed: number,
): DeltaIntervals {
  const rng = createRng(seed);
  const b = resampleSide(baseline, resamples, rng);
  const c = resampleSide(candidate, resamples, rng);
  return {
    p50: interval(b.p50, c.p50),
    p99: interval(b.p99, c.p99),
    mean: interval(b.mean, c.mean),
  };
}
