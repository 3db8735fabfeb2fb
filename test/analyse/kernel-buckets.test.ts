import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  KERNEL_BUCKETS,
  KERNEL_RELATIVE_ERROR,
  kernelBucketBounds,
  kernelBucketOf,
  kernelBucketValue,
  summariseKernelBuckets,
} from '../../src/analyse/kernel-buckets.js';

/** The bpftrace program's arithmetic, step by step (unrolled binary search for the exponent). */
function bucketAsTheKernelDoes(d: bigint): bigint {
  let e = 0n;
  let x = d;
  for (const [limit, shift] of [
    [4294967296n, 32n],
    [65536n, 16n],
    [256n, 8n],
    [16n, 4n],
    [4n, 2n],
  ] as const) {
    if (x >= limit) {
      x >>= shift;
      e += shift;
    }
  }
  if (x >= 2n) e += 1n;
  return d < 32n ? d : 32n + (e - 5n) * 16n + (d >> (e - 4n)) - 16n;
}

test('kernel buckets: every bucket boundary maps as the kernel maps it, and back', () => {
  for (let b = 0; b < KERNEL_BUCKETS; b++) {
    const { lowNs, highNs } = kernelBucketBounds(b);
    if (highNs > Number.MAX_SAFE_INTEGER) break;
    for (const v of [lowNs, highNs - 1]) {
      assert.equal(kernelBucketOf(v), b, `value ${v}`);
      assert.equal(Number(bucketAsTheKernelDoes(BigInt(v))), b, `kernel value ${v}`);
    }
    assert.equal(kernelBucketOf(highNs), b + 1, `next after ${highNs - 1}`);
  }
});

test('kernel buckets: the reported value is within 1/32 of every value in its bucket', () => {
  assert.ok(KERNEL_RELATIVE_ERROR <= 0.05);
  for (let b = 0; b < KERNEL_BUCKETS; b++) {
    const { lowNs, highNs } = kernelBucketBounds(b);
    if (highNs > Number.MAX_SAFE_INTEGER) break;
    const shown = kernelBucketValue(b);
    for (const v of [lowNs, highNs - 1]) {
      const rel = v === 0 ? Math.abs(shown) : Math.abs(shown - v) / v;
      assert.ok(rel <= KERNEL_RELATIVE_ERROR, `bucket ${b} value ${v}: ${rel}`);
    }
  }
});

test('kernel buckets: summary percentiles are nearest-rank within the bound', () => {
  const values = Array.from({ length: 1000 }, (_, i) => 500 + i * 37);
  const counts = new Map<number, number>();
  for (const v of values) counts.set(kernelBucketOf(v), (counts.get(kernelBucketOf(v)) ?? 0) + 1);
  const s = summariseKernelBuckets(counts);
  assert.equal(s.count, 1000);
  const exact = (q: number): number => values[Math.ceil(q * values.length) - 1] ?? 0;
  for (const [q, got] of [
    [0.5, s.p50Ns],
    [0.9, s.p90Ns],
    [0.99, s.p99Ns],
    [0.999, s.p999Ns],
  ] as const) {
    assert.ok(Math.abs(got - exact(q)) / exact(q) <= KERNEL_RELATIVE_ERROR, `q ${q}: ${got}`);
  }
  assert.deepEqual(summariseKernelBuckets(new Map()), {
    count: 0,
    minNs: 0,
    meanNs: 0,
    p50Ns: 0,
    p90Ns: 0,
    p99Ns: 0,
    p999Ns: 0,
    maxNs: 0,
  });
});
