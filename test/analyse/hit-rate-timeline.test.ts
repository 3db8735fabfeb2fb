import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addHitRateSample,
  createHitRateTimeline,
  finishHitRateTimeline,
  INITIAL_BUCKET_NS,
  MAX_BUCKETS,
} from '../../src/analyse/hit-rate-timeline.js';
import { createRng, nextIndex } from '../../src/analyse/prng.js';

const MS = 1_000_000;

test('buckets start at the first outcome rounded down to 10 ms, gaps kept', () => {
  const tl = createHitRateTimeline();
  addHitRateSample(tl, 1_234 * MS + 5, true);
  addHitRateSample(tl, 1_236 * MS, false);
  addHitRateSample(tl, 1_262 * MS, true);
  addHitRateSample(tl, 1_000 * MS, true); // earlier than the first bucket: counted in it
  assert.deepEqual(finishHitRateTimeline(tl), [
    { startNs: 1_230 * MS, widthNs: INITIAL_BUCKET_NS, hits: 2, misses: 1 },
    { startNs: 1_240 * MS, widthNs: INITIAL_BUCKET_NS, hits: 0, misses: 0 },
    { startNs: 1_250 * MS, widthNs: INITIAL_BUCKET_NS, hits: 0, misses: 0 },
    { startNs: 1_260 * MS, widthNs: INITIAL_BUCKET_NS, hits: 1, misses: 0 },
  ]);
  assert.deepEqual(finishHitRateTimeline(createHitRateTimeline()), []);
});

test('more than 120 buckets: width doubles and pairs merge', () => {
  const tl = createHitRateTimeline();
  addHitRateSample(tl, 0, true);
  addHitRateSample(tl, 15 * MS, false);
  addHitRateSample(tl, 1_195 * MS, true); // bucket 119: still fits
  assert.equal(finishHitRateTimeline(tl).length, MAX_BUCKETS);
  addHitRateSample(tl, 1_200 * MS, false); // bucket 120: doubles to 20 ms
  let out = finishHitRateTimeline(tl);
  assert.equal(out.length, 61);
  assert.deepEqual(out[0], { startNs: 0, widthNs: 20 * MS, hits: 1, misses: 1 });
  assert.deepEqual(out[59], { startNs: 1_180 * MS, widthNs: 20 * MS, hits: 1, misses: 0 });
  assert.deepEqual(out[60], { startNs: 1_200 * MS, widthNs: 20 * MS, hits: 0, misses: 1 });
  addHitRateSample(tl, 10_000 * MS, true); // needs three more doublings: 160 ms buckets
  out = finishHitRateTimeline(tl);
  assert.equal(out[0]?.widthNs, 160 * MS);
  assert.equal(out.length, Math.floor(10_000 / 160) + 1);
  assert.deepEqual(
    [out[0]?.hits, out[0]?.misses, out[7]?.hits, out[7]?.misses, out.at(-1)?.hits],
    [1, 1, 1, 1, 1],
  );
  assert.equal(
    out.reduce((n, b) => n + b.hits + b.misses, 0),
    5,
  );
});

test('same outcomes in any order after the first give the same buckets', () => {
  const rng = createRng(12);
  const samples = Array.from({ length: 5000 }, (_, i) => ({
    ts: nextIndex(rng, 3e9),
    hit: i % 4 !== 0,
  }));
  const run = (list: typeof samples) => {
    const tl = createHitRateTimeline();
    addHitRateSample(tl, 0, true);
    for (const s of list) addHitRateSample(tl, s.ts, s.hit);
    return finishHitRateTimeline(tl);
  };
  const sorted = [...samples].sort((a, b) => a.ts - b.ts);
  const a = run(samples);
  assert.deepEqual(a, run(sorted));
  assert.ok(a.length <= MAX_BUCKETS);
});
