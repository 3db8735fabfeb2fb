import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRunSummariser } from '../../src/analyse/summarise-run.js';
import { spanSampleKey, stageSampleKey, type RunAnalysis } from '../../src/analyse/run-analysis.js';
import { MAX_TRACKED_FLOWS } from '../../src/analyse/flow-accumulator.js';
import type { RunManifest } from '../../src/model/manifest.js';
import { assertGolden } from '../support/assert-golden.js';
import {
  buildEvent,
  buildFlow,
  buildManifest,
  buildTimeline,
  expectedForTest,
} from './build-run.js';
import {
  HAND_BUILT_EVENTS,
  HAND_BUILT_INGEST,
  HAND_BUILT_MANIFEST,
  HAND_BUILT_TIMELINES,
} from './hand-built-run.js';

function analyseHandBuilt(): RunAnalysis {
  const s = createRunSummariser({
    source: 'runs/hand',
    manifest: HAND_BUILT_MANIFEST,
    expected: expectedForTest,
  });
  for (const ev of HAND_BUILT_EVENTS) s.addEvent(ev);
  for (const t of HAND_BUILT_TIMELINES) s.addTimeline(t);
  return s.finish(HAND_BUILT_INGEST);
}

test('stages: consecutive hops, path order of from then to, phase of `to`', () => {
  const { report, samples } = analyseHandBuilt();
  assert.deepEqual(
    report.stages.map((s) => [s.name, s.phase, s.latency.count, s.latency.minNs, s.latency.maxNs]),
    [
      ['outer_rcv>inner_rcv', 'decap', 2, 100, 2000],
      ['outer_rcv>sock_ready', 'socket', 1, 500, 500],
      ['inner_rcv>container_rcv', 'container', 2, 10, 4000],
      ['container_rcv>sock_ready', 'socket', 1, 1000, 1000],
      ['sock_ready>app_read', 'socket', 1, 2000, 2000],
    ],
  );
  const first = report.stages[0];
  assert.equal(first?.from, 'outer_rcv');
  assert.equal(first?.to, 'inner_rcv');
  assert.equal(first?.latency.meanNs, 1050);
  assert.deepEqual([...(samples.get(stageSampleKey('outer_rcv>inner_rcv')) ?? [])], [2000, 100]);
});

test('end-to-end spans need both ends; stage and span samples are kept apart', () => {
  const { report, samples } = analyseHandBuilt();
  assert.deepEqual(
    report.endToEnd.map((s) => [s.name, s.latency.count, s.latency.minNs, s.latency.maxNs]),
    [
      ['outer_rcv>sock_ready', 2, 500, 7000],
      ['outer_rcv>app_read', 1, 9000, 9000],
    ],
  );
  assert.deepEqual([...(samples.get(spanSampleKey('outer_rcv>sock_ready')) ?? [])], [7000, 500]);
  assert.deepEqual([...(samples.get(stageSampleKey('outer_rcv>sock_ready')) ?? [])], [500]);
});

test('packet counts, completeness per ECON outcome, checkpoints and CPUs', () => {
  const { report } = analyseHandBuilt();
  assert.deepEqual(report.packets, {
    total: 4,
    complete: 2,
    completeness: 0.5,
    wirePackets: 5,
    clonesLinked: 1,
    crossCpuHops: 1,
    endedBy: { freed: 2, timeout: 1, endOfTrace: 1 },
    expectedCheckpoints: ['outer_rcv', 'inner_rcv', 'container_rcv', 'sock_ready'],
  });
  assert.deepEqual(report.checkpoints, [
    { checkpoint: 'outer_rcv', packets: 3 },
    { checkpoint: 'inner_rcv', packets: 3 },
    { checkpoint: 'container_rcv', packets: 2 },
    { checkpoint: 'sock_ready', packets: 2 },
    { checkpoint: 'app_read', packets: 1 },
  ]);
  assert.deepEqual(report.cpus, [
    { cpu: -1, hops: 1 },
    { cpu: 0, hops: 5 },
    { cpu: 1, hops: 5 },
  ]);
});

test('flows: busiest first with ECON outcomes and end-to-end latency', () => {
  const { report } = analyseHandBuilt();
  assert.equal(report.flows.length, 2);
  const [a, b] = report.flows;
  assert.deepEqual(a?.flow, buildFlow(40000));
  assert.equal(a?.packets, 2);
  assert.equal(a?.econHits, 1);
  assert.equal(a?.econMisses, 1);
  assert.equal(a?.endToEnd?.count, 2);
  assert.equal(a?.endToEnd?.minNs, 500);
  assert.equal(a?.endToEnd?.maxNs, 7000);
  assert.equal(a?.endToEnd?.meanNs, 3750);
  assert.deepEqual(b, {
    flow: buildFlow(40001),
    packets: 1,
    endToEnd: null,
    econHits: 0,
    econMisses: 0,
  });
});

test('flows: at most 20, ties broken by flow key whatever the arrival order', () => {
  const build = (order: number[]): string[] => {
    const s = createRunSummariser({
      source: 'x',
      manifest: HAND_BUILT_MANIFEST,
      expected: expectedForTest,
    });
    for (const port of order) {
      const packets = port === 7 ? 3 : 1;
      for (let i = 0; i < packets; i++) {
        s.addTimeline(
          buildTimeline([['outer_rcv', 0, 0]], { flow: buildFlow(port, `10.0.1.${port % 3}`) }),
        );
      }
    }
    return s.finish(HAND_BUILT_INGEST).report.flows.map((f) => `${f.flow.saddr}:${f.flow.sport}`);
  };
  const ports = Array.from({ length: 30 }, (_, i) => i);
  const forward = build(ports);
  const backward = build([...ports].reverse());
  assert.equal(forward.length, 20);
  assert.deepEqual(forward, backward);
  assert.equal(forward[0], '10.0.1.1:7');
  assert.deepEqual(forward.slice(1, 4), ['10.0.1.0:0', '10.0.1.0:3', '10.0.1.0:6']);
});

test('flows beyond the tracking cap are not attributed', () => {
  const s = createRunSummariser({
    source: 'x',
    manifest: HAND_BUILT_MANIFEST,
    expected: expectedForTest,
  });
  for (let i = 0; i < MAX_TRACKED_FLOWS + 5; i++) {
    s.addTimeline(
      buildTimeline([['outer_rcv', 0, 0]], { flow: buildFlow(i % 65536, `10.1.${i >> 16}.1`) }),
    );
  }
  // A late flow with many packets cannot enter the table once the cap is reached.
  for (let i = 0; i < 50; i++) {
    s.addTimeline(buildTimeline([['outer_rcv', 0, 0]], { flow: buildFlow(1, '10.9.9.9') }));
  }
  const { report } = s.finish(HAND_BUILT_INGEST);
  assert.equal(report.packets.total, MAX_TRACKED_FLOWS + 55);
  assert.ok(report.flows.every((f) => f.flow.saddr !== '10.9.9.9'));
});

test('ECON counters from raw events, hit rate and its buckets', () => {
  const { report } = analyseHandBuilt();
  assert.deepEqual(report.econ, {
    rx: { hit: 1, already: 1, miss: 1, drop: 1, other: 2 },
    hitRate: 0.5,
    hitRateOverTime: [
      { startNs: 0, widthNs: 10_000_000, hits: 1, misses: 0 },
      { startNs: 10_000_000, widthNs: 10_000_000, hits: 0, misses: 1 },
    ],
    inserts: 2,
    removals: 1,
    flushes: 1,
    deliver: { delivered: 1, notDelivered: 1 },
    tx: { sentFast: 1, notTcpUdp: 1, notCached: 1, pushFailed: 1, other: 1 },
    txInserts: { inserted: 1, disabled: 1, filtered: 2 },
  });
});

test('econ is null only without ECON events on a non-ECON kernel', () => {
  const finish = (manifest: RunManifest, withEcon: boolean): RunAnalysis => {
    const s = createRunSummariser({ source: 'x', manifest, expected: expectedForTest });
    s.addEvent(buildEvent('netif_receive_skb', 10));
    if (withEcon) s.addEvent(buildEvent('econ_rx_lookup', 20));
    return s.finish(HAND_BUILT_INGEST);
  };
  const vanilla = buildManifest({
    kernel: { release: '6.18', version: '', econ: false, econEnabled: false },
  });
  assert.equal(finish(vanilla, false).report.econ, null);
  const lookupOnly = finish(vanilla, true).report.econ;
  assert.equal(lookupOnly?.hitRate, null);
  assert.deepEqual(lookupOnly?.hitRateOverTime, []);
  const idleEcon = finish(HAND_BUILT_MANIFEST, false).report.econ;
  assert.equal(idleEcon?.rx.hit, 0);
  assert.equal(idleEcon?.hitRate, null);
});

test('run fields: manifest, duration from min to max timestamp, ingest copied', () => {
  const { report } = analyseHandBuilt();
  assert.equal(report.source, 'runs/hand');
  assert.equal(report.label, 'hand-built');
  assert.deepEqual(report.synthetic, { value: true, description: 'hand-built test run' });
  assert.equal(report.path, 'overlay');
  assert.deepEqual(report.kernel, { release: '5.15.0-econ', econ: true, econEnabled: true });
  assert.equal(report.recorder, 'generator 1.0');
  assert.equal(report.status, 'complete');
  assert.equal(report.durationNs, 2_000_000_500);
  assert.deepEqual(report.ingest, HAND_BUILT_INGEST);
  assert.notEqual(report.ingest, HAND_BUILT_INGEST);
});

test('an empty run gives an empty, well-formed report', () => {
  const s = createRunSummariser({
    source: 'empty',
    manifest: HAND_BUILT_MANIFEST,
    expected: expectedForTest,
  });
  const { report, samples } = s.finish({
    linesRead: 0,
    eventsAccepted: 0,
    lostEvents: 0,
    issues: [],
  });
  assert.equal(report.durationNs, 0);
  assert.equal(report.packets.completeness, 0);
  assert.deepEqual(report.stages, []);
  assert.deepEqual(report.endToEnd, []);
  assert.equal(samples.size, 0);
});

test('golden: the hand-built run report as JSON', () => {
  const { report } = analyseHandBuilt();
  const json = JSON.stringify(report, null, 2) + '\n';
  assert.deepEqual(JSON.parse(json), report, 'report is JSON-safe');
  assertGolden('analyse/hand-built-run.json', json);
});

test('hit rate over a long run: buckets double and merge, totals kept', () => {
  const s = createRunSummariser({
    source: 'x',
    manifest: HAND_BUILT_MANIFEST,
    expected: expectedForTest,
  });
  // One outcome every 5 ms for 3 s: 600 outcomes, every fourth a miss.
  for (let i = 0; i < 600; i++)
    s.addEvent(buildEvent('econ_rx', 1_000_000_000 + i * 5_000_000, i % 4 ? 0 : 2));
  const econ = s.finish(HAND_BUILT_INGEST).report.econ;
  const buckets = econ?.hitRateOverTime ?? [];
  // 3 s needs 300 buckets of 10 ms: two doublings give 75 buckets of 40 ms.
  assert.equal(buckets.length, 75);
  assert.ok(
    buckets.every(
      (b, i) => b.widthNs === 40_000_000 && b.startNs === 1_000_000_000 + i * 40_000_000,
    ),
  );
  assert.ok(buckets.every((b) => b.hits === 6 && b.misses === 2));
  assert.equal(econ?.hitRate, 0.75);
  assert.equal(econ?.rx.hit, 450);
});
