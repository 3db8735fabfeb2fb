import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapDeltaIntervals, EXACT_MEAN_MAX } from '../../src/compare/bootstrap.js';
import { createRng, nextIndex, nextUnit } from '../../src/analyse/prng.js';

const RESAMPLES = 20_000;

function skewedSample(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => Math.round(1000 * Math.exp(2 * nextUnit(rng))));
}

/** The textbook way: draw every resample, sort it, read the statistic. */
function bruteForce(
  sample: Float64Array,
  seed: number,
): { p50: number[]; p99: number[]; mean: number[] } {
  const rng = createRng(seed);
  const n = sample.length;
  const p50: number[] = [];
  const p99: number[] = [];
  const mean: number[] = [];
  const resample = new Float64Array(n);
  for (let r = 0; r < RESAMPLES; r++) {
    let sum = 0;
    for (let k = 0; k < n; k++) {
      resample[k] = sample[nextIndex(rng, n)] ?? 0;
      sum += resample[k] ?? 0;
    }
    resample.sort();
    p50.push(resample[Math.ceil(0.5 * n) - 1] ?? 0);
    p99.push(resample[Math.ceil(0.99 * n) - 1] ?? 0);
    mean.push(sum / n);
  }
  const cut = (xs: number[]): number[] => {
    const s = [...xs].sort((a, b) => a - b);
    return [s[Math.ceil(0.025 * RESAMPLES) - 1] ?? 0, s[Math.ceil(0.975 * RESAMPLES) - 1] ?? 0];
  };
  return { p50: cut(p50), p99: cut(p99), mean: cut(mean) };
}

/** Position of a value in the sorted sample, to compare percentile endpoints by rank. */
function rankOf(sorted: Float64Array, v: number): number {
  return sorted.indexOf(v);
}

for (const n of [101, 1000]) {
  test(`drawn resample statistics match resample-and-sort (n = ${n})`, () => {
    const sample = skewedSample(n, n);
    const sorted = Float64Array.from(sample).sort();
    // A constant baseline of zeros makes the interval that of the candidate's statistic itself.
    const ours = bootstrapDeltaIntervals(new Float64Array(n), sample, RESAMPLES, 17);
    const brute = bruteForce(sample, 18);
    for (const key of ['p50', 'p99'] as const) {
      ours[key].forEach((v, i) => {
        const diff = Math.abs(rankOf(sorted, v) - rankOf(sorted, brute[key][i] ?? -1));
        assert.ok(diff <= Math.max(1, n / 200), `${key}[${i}] ours ${v}, brute ${brute[key][i]}`);
      });
    }
    const width = (brute.mean[1] ?? 0) - (brute.mean[0] ?? 0);
    ours.mean.forEach((v, i) => {
      assert.ok(
        Math.abs(v - (brute.mean[i] ?? 0)) < 0.05 * width,
        `mean[${i}] ours ${v}, brute ${brute.mean[i]}`,
      );
    });
    assert.equal(n <= EXACT_MEAN_MAX, n === 101);
  });
}

test('seeded: same inputs and seed, same intervals', () => {
  const a = skewedSample(500, 1);
  const b = skewedSample(500, 2);
  assert.deepEqual(bootstrapDeltaIntervals(a, b, 1000, 5), bootstrapDeltaIntervals(a, b, 1000, 5));
});
