import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import {
  createLogHistogram,
  histogramRelativeError,
  mergeHistograms,
  percentile,
  recordValue,
  summariseHistogram,
} from '../../src/analyse/log-histogram.js';
import { createRng, nextUnit } from '../../src/analyse/prng.js';

const BOUND = histogramRelativeError();

/** Exact nearest-rank percentile, with q given in parts per thousand (integer rank arithmetic). */
function exactPercentile(sorted: number[], perMille: number): number {
  const rank = Math.max(1, Math.ceil((perMille * sorted.length) / 1000));
  return sorted[rank - 1] as number;
}

function checkAgainstExact(values: number[], label: string): void {
  const h = createLogHistogram();
  for (const v of values) recordValue(h, v);
  const sorted = [...values].sort((a, b) => a - b);
  for (const perMille of [500, 900, 990, 999]) {
    const exact = exactPercentile(sorted, perMille);
    const got = percentile(h, perMille / 1000);
    assert.ok(
      Math.abs(got - exact) <= exact * BOUND,
      `${label} p${perMille / 10}: got ${got}, exact ${exact}`,
    );
  }
  const s = summariseHistogram(h);
  assert.equal(s.count, values.length, `${label} count`);
  assert.equal(s.minNs, sorted[0], `${label} min`);
  assert.equal(s.maxNs, sorted[sorted.length - 1], `${label} max`);
  const exactSum = values.reduce((acc, v) => acc + BigInt(v), 0n);
  const exactMean = Number(exactSum) / values.length;
  assert.ok(
    Math.abs(s.meanNs - exactMean) <= exactMean * 1e-15,
    `${label} mean: ${s.meanNs} vs ${exactMean}`,
  );
  assert.equal(s.p50Ns, percentile(h, 0.5));
  assert.equal(s.p999Ns, percentile(h, 0.999));
}

test('bound is at most 0.5%', () => {
  assert.ok(BOUND <= 0.005);
});

test('random uniform values over nine decades', () => {
  const rng = createRng(7);
  const values = Array.from({ length: 100_000 }, () => Math.floor(nextUnit(rng) * 1e9));
  checkAgainstExact(values, 'uniform');
});

test('skewed (lognormal-like) latencies', () => {
  const rng = createRng(11);
  const values = Array.from({ length: 100_000 }, () => {
    // Box-Muller normal, then exp: median about 22 us with a long right tail.
    const u = nextUnit(rng) || 1e-12;
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * nextUnit(rng));
    return Math.round(Math.exp(10 + 1.5 * z));
  });
  checkAgainstExact(values, 'lognormal');
});

test('constant input gives the constant for every percentile', () => {
  const h = createLogHistogram();
  for (let i = 0; i < 1000; i++) recordValue(h, 123_457);
  assert.deepEqual(summariseHistogram(h), {
    count: 1000,
    minNs: 123_457,
    meanNs: 123_457,
    p50Ns: 123_457,
    p90Ns: 123_457,
    p99Ns: 123_457,
    p999Ns: 123_457,
    maxNs: 123_457,
  });
});

test('tiny inputs: empty, one value, two values, small exact values', () => {
  const empty = summariseHistogram(createLogHistogram());
  assert.deepEqual(empty, {
    count: 0,
    minNs: 0,
    meanNs: 0,
    p50Ns: 0,
    p90Ns: 0,
    p99Ns: 0,
    p999Ns: 0,
    maxNs: 0,
  });
  checkAgainstExact([5_000_001], 'one');
  checkAgainstExact([300, 90_000], 'two');
  const small = [0, 1, 2, 3, 200, 255, 255, 17];
  const h = createLogHistogram();
  for (const v of small) recordValue(h, v);
  const sorted = [...small].sort((a, b) => a - b);
  for (const perMille of [1, 250, 500, 750, 900, 1000]) {
    assert.equal(percentile(h, perMille / 1000), exactPercentile(sorted, perMille));
  }
});

test('bucket boundaries and values past 2^32 stay within the bound', () => {
  for (const v of [
    256,
    257,
    511,
    512,
    513,
    65_535,
    2 ** 32 - 1,
    2 ** 32,
    2 ** 32 + 1,
    2 ** 53 - 1,
  ]) {
    const h = createLogHistogram();
    // v three times between 0 and a larger value, so p50 comes from v's bucket unclamped.
    for (const x of [0, v, v, v, Number.MAX_SAFE_INTEGER]) recordValue(h, x);
    const got = percentile(h, 0.5);
    assert.ok(Math.abs(got - v) <= v * BOUND, `v=${v} got ${got}`);
  }
});

test('mean stays exact when the sum passes 2^53', () => {
  const values = Array.from({ length: 10 }, (_, i) => 2 ** 52 + 2 * i + 1);
  checkAgainstExact(values, 'huge');
  const h = createLogHistogram();
  for (const v of values) recordValue(h, v);
  assert.equal(summariseHistogram(h).meanNs, 2 ** 52 + 10);
});

test('merging equals recording everything into one histogram', () => {
  const rng = createRng(3);
  const all = createLogHistogram();
  const a = createLogHistogram();
  const b = createLogHistogram();
  for (let i = 0; i < 20_000; i++) {
    const v = Math.floor(nextUnit(rng) * (i % 2 ? 1e4 : 1e8));
    recordValue(all, v);
    recordValue(i % 3 ? a : b, v);
  }
  assert.deepEqual(summariseHistogram(mergeHistograms(a, b)), summariseHistogram(all));
  assert.throws(() => mergeHistograms(createLogHistogram(7), createLogHistogram(4)));
});

test('coarse layout keeps its own bound', () => {
  const rng = createRng(5);
  const h = createLogHistogram(4);
  const values = Array.from({ length: 10_000 }, () => Math.floor(nextUnit(rng) * 1e7));
  for (const v of values) recordValue(h, v);
  const sorted = [...values].sort((x, y) => x - y);
  const exact = exactPercentile(sorted, 990);
  assert.ok(Math.abs(percentile(h, 0.99) - exact) <= exact * histogramRelativeError(4));
});

test('5M values: memory does not grow with the count', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const h = createLogHistogram();
  const rng = createRng(9);
  // Warm up: touch the whole value range once so bucket storage has reached its final size.
  recordValue(h, Number.MAX_SAFE_INTEGER);
  for (let i = 0; i < 1000; i++) recordValue(h, Math.floor(nextUnit(rng) * 1e9));
  const bucketsBefore = h.counts.length;
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 5_000_000; i++) recordValue(h, (rng() & 0xfffffff) + 1);
  gc();
  const after = process.memoryUsage().heapUsed;
  assert.equal(h.count, 5_001_001);
  assert.equal(h.counts.length, bucketsBefore);
  assert.ok(after - before < 1_000_000, `heap grew by ${after - before} bytes`);
});
