import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHeadline, formatSignedPercent } from '../../src/compare/format-headline.js';
import { makeDelta } from '../../src/compare/make-delta.js';
import type { EconSummary, StageDelta } from '../../src/model/report.js';

function span(p50: [number, number], p99: [number, number]): StageDelta {
  return {
    name: 'outer_rcv>sock_ready',
    p50: makeDelta(p50[0], p50[1], null),
    p99: makeDelta(p99[0], p99[1], null),
    mean: makeDelta(1, 1, null),
  };
}

function econ(hitRate: number | null): EconSummary {
  return {
    rx: { hit: 0, already: 0, miss: 0, drop: 0, other: 0 },
    hitRate,
    hitRateOverTime: [],
    inserts: 0,
    removals: 0,
    flushes: 0,
    deliver: { delivered: 0, notDelivered: 0 },
    tx: { sentFast: 0, notTcpUdp: 0, notCached: 0, pushFailed: 0, other: 0 },
    txInserts: { inserted: 0, disabled: 0, filtered: 0 },
  };
}

test('the documented example, exactly', () => {
  assert.equal(
    formatHeadline(span([10_000, 5_880], [20_000, 12_600]), econ(0.981)),
    'end-to-end p50 -41.2%, p99 -37.0%, ECON hit rate 98.1%',
  );
});

test('hit rate omitted without ECON or without decisions', () => {
  assert.equal(
    formatHeadline(span([100, 150], [100, 100]), null),
    'end-to-end p50 +50.0%, p99 +0.0%',
  );
  assert.equal(
    formatHeadline(span([100, 50], [100, 25]), econ(null)),
    'end-to-end p50 -50.0%, p99 -75.0%',
  );
  assert.equal(
    formatHeadline(undefined, econ(1)),
    'end-to-end not measured in both runs, ECON hit rate 100.0%',
  );
  assert.equal(formatHeadline(undefined, null), 'end-to-end not measured in both runs');
});

test('signed percentages: sign from the rounded value, n/a for a zero baseline', () => {
  assert.equal(formatSignedPercent(-0.0004), '+0.0%');
  assert.equal(formatSignedPercent(0.0123), '+1.2%');
  assert.equal(formatSignedPercent(-0.37), '-37.0%');
  assert.equal(formatSignedPercent(null), 'n/a');
  assert.equal(formatHeadline(span([0, 10], [0, 10]), null), 'end-to-end p50 n/a, p99 n/a');
});

test('deltas: candidate minus baseline, relative to the baseline', () => {
  assert.deepEqual(makeDelta(200, 150, [-60, -40]), {
    baselineNs: 200,
    candidateNs: 150,
    deltaNs: -50,
    deltaRel: -0.25,
    ci95Ns: [-60, -40],
  });
  assert.equal(makeDelta(0, 5, null).deltaRel, null);
});
