import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addToReservoir, createReservoir, reservoirSample } from '../../src/analyse/reservoir.js';
import { createRng, deriveSeed } from '../../src/analyse/prng.js';

function sampleOf(n: number, capacity: number, seed: number): Float64Array {
  const r = createReservoir(capacity, seed);
  for (let i = 0; i < n; i++) addToReservoir(r, i);
  return reservoirSample(r);
}

test('holds every value, in order, until full', () => {
  assert.deepEqual([...sampleOf(5, 8, 1)], [0, 1, 2, 3, 4]);
  const r = createReservoir(4, 1);
  assert.equal(reservoirSample(r).length, 0);
});

test('default capacity is 4096 and the sample never exceeds it', () => {
  const r = createReservoir();
  for (let i = 0; i < 100_000; i++) addToReservoir(r, i);
  assert.equal(r.values.length, 4096);
  assert.equal(reservoirSample(r).length, 4096);
  assert.equal(r.seen, 100_000);
});

test('same seed gives the same sample; another seed another one', () => {
  const a = sampleOf(50_000, 256, 42);
  const b = sampleOf(50_000, 256, 42);
  const c = sampleOf(50_000, 256, 43);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('every position is kept with probability capacity / n (roughly)', () => {
  // 20000 streams of 100 values into 10 slots: each value should be kept about 2000 times
  // (binomial, standard deviation about 42).
  const kept = new Float64Array(100);
  for (let trial = 0; trial < 20_000; trial++) {
    for (const v of sampleOf(100, 10, deriveSeed(trial, 'uniformity')))
      kept[v] = (kept[v] ?? 0) + 1;
  }
  for (let i = 0; i < 100; i++) {
    const k = kept[i] ?? 0;
    assert.ok(k > 1800 && k < 2200, `value ${i} kept ${k} times`);
  }
});

test('one large stream: deciles evenly represented', () => {
  const sample = sampleOf(1_000_000, 4096, 7);
  const deciles = new Array<number>(10).fill(0);
  for (const v of sample)
    deciles[Math.floor(v / 100_000)] = (deciles[Math.floor(v / 100_000)] ?? 0) + 1;
  for (const d of deciles) assert.ok(d > 330 && d < 490, `decile count ${d}`);
  assert.equal(new Set(sample).size, 4096, 'no value kept twice');
});

test('prng is deterministic and 32-bit', () => {
  const a = createRng(1);
  const b = createRng(1);
  for (let i = 0; i < 100; i++) {
    const x = a();
    assert.equal(x, b());
    assert.ok(Number.isInteger(x) && x >= 0 && x < 2 ** 32);
  }
});
