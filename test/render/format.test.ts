import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatCount,
  formatNs,
  formatPercent,
  formatSignedNs,
  formatSignedPercent,
} from '../../src/render/format.js';

test('formatNs picks ns, µs, ms or s per value with fixed decimals', () => {
  assert.equal(formatNs(0), '0 ns');
  assert.equal(formatNs(850), '850 ns');
  assert.equal(formatNs(910.4), '910 ns');
  assert.equal(formatNs(999.6), '1.00 µs');
  assert.equal(formatNs(12_345), '12.35 µs');
  assert.equal(formatNs(999_996), '1.00 ms');
  assert.equal(formatNs(3_100_000), '3.10 ms');
  assert.equal(formatNs(4_020_511_337), '4.02 s');
  assert.equal(formatNs(-8_900), '-8.90 µs');
  assert.equal(formatNs(-0.2), '0 ns');
});

test('signed formats show + for increases and no sign for zero', () => {
  assert.equal(formatSignedNs(1_200), '+1.20 µs');
  assert.equal(formatSignedNs(-850), '-850 ns');
  assert.equal(formatSignedNs(0), '0 ns');
  assert.equal(formatSignedPercent(-0.412), '-41.2%');
  assert.equal(formatSignedPercent(0.05), '+5.0%');
  assert.equal(formatSignedPercent(-0.0001), '0.0%');
  assert.equal(formatPercent(0.9813), '98.1%');
});

test('formatCount groups thousands without the locale', () => {
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(999), '999');
  assert.equal(formatCount(120_000), '120,000');
  assert.equal(formatCount(-1_234_567), '-1,234,567');
});
