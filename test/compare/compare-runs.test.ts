import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compareRuns, MIN_CI_SAMPLES } from '../../src/compare/compare-runs.js';
import { createRunSummariser } from '../../src/analyse/summarise-run.js';
import type { RunAnalysis } from '../../src/analyse/run-analysis.js';
import { createRng, nextIndex } from '../../src/analyse/prng.js';
import { CHECKPOINTS } from '../../src/model/checkpoint.js';
import { CPU_CATEGORIES } from '../../src/cpu/cpu-categories.js';
import type { CpuCategory, CpuSummary } from '../../src/model/cpu.js';
import type { TraceEvent } from '../../src/model/event.js';
import type { PacketTimeline } from '../../src/model/timeline.js';
import { assertGolden } from '../support/assert-golden.js';
import {
  buildEvent,
  buildManifest,
  buildTimeline,
  expectedForTest,
  type HopSpec,
} from '../analyse/build-run.js';

const EMPTY_INGEST = { linesRead: 0, eventsAccepted: 0, lostEvents: 0, issues: [] };

function analyse(
  source: string,
  timelines: PacketTimeline[],
  events: TraceEvent[] = [],
): RunAnalysis {
  const s = createRunSummariser({
    source,
    manifest: buildManifest({ label: source }),
    expected: expectedForTest,
  });
  for (const ev of events) s.addEvent(ev);
  for (const t of timelines) s.addTimeline(t);
  return s.finish(EMPTY_INGEST);
}

/** Vanilla-like packets: three stages; `e2e[i]` split 30/50/20 over them. */
function vanillaTimelines(e2e: number[]): PacketTimeline[] {
  return e2e.map((d, i) => {
    const t0 = i * 1_000_000;
    const a = Math.round(d * 0.3);
    const b = Math.round(d * 0.5);
    const hops: HopSpec[] = [
      ['outer_rcv', t0, 0],
      ['inner_rcv', t0 + a, 0],
      ['container_rcv', t0 + a + b, 1],
      ['sock_ready', t0 + d, 1],
    ];
    return buildTimeline(hops);
  });
}

/** ECON-like packets: outer_rcv, the econ_rx decision 10 ns later, then the socket. */
function econTimelines(e2e: number[]): PacketTimeline[] {
  return e2e.map((d, i) => {
    const t0 = i * 1_000_000;
    const hops: HopSpec[] = [
      ['outer_rcv', t0, 0],
      ['econ_rx', t0 + 10, 0],
      ['sock_ready', t0 + d, 0],
    ];
    return buildTimeline(hops, { econ: 'hit' });
  });
}

function repeat(value: number, n: number): number[] {
  return new Array<number>(n).fill(value);
}

function econOutcomes(hits: number, misses: number): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (let i = 0; i < hits + misses; i++)
    out.push(buildEvent('econ_rx', i * 1000, i < hits ? 0 : 2));
  return out;
}

test('deltas use the run tables, skipped stages both ways, exact headline', () => {
  // Values below 256 ns sit in exact histogram buckets, so the percentages are exact.
  const baseline = analyse('vanilla', vanillaTimelines([...repeat(200, 50), ...repeat(250, 50)]));
  const candidate = analyse(
    'econ',
    econTimelines([...repeat(100, 50), ...repeat(150, 50)]),
    econOutcomes(981, 19),
  );
  const cmp = compareRuns(baseline, candidate);
  assert.equal(cmp.baseline, 'vanilla');
  assert.equal(cmp.candidate, 'econ');
  assert.equal(cmp.headline, 'end-to-end p50 -50.0%, p99 -40.0%, ECON hit rate 98.1%');
  assert.deepEqual(cmp.skippedByCandidate, [
    'outer_rcv>inner_rcv',
    'inner_rcv>container_rcv',
    'container_rcv>sock_ready',
  ]);
  assert.deepEqual(cmp.onlyInCandidate, ['outer_rcv>econ_rx', 'econ_rx>sock_ready']);
  assert.deepEqual(cmp.stages, [], 'no stage is walked by both');
  assert.deepEqual(
    cmp.endToEnd.map((d) => d.name),
    ['outer_rcv>sock_ready'],
  );
  const e2e = cmp.endToEnd[0];
  const baseLatency = baseline.report.endToEnd[0]?.latency;
  const candLatency = candidate.report.endToEnd[0]?.latency;
  assert.ok(e2e && baseLatency && candLatency);
  assert.deepEqual(
    [e2e.p50.baselineNs, e2e.p50.candidateNs, e2e.p50.deltaNs, e2e.p50.deltaRel],
    [baseLatency.p50Ns, candLatency.p50Ns, -100, -0.5],
  );
  assert.deepEqual([e2e.p99.baselineNs, e2e.p99.candidateNs, e2e.p99.deltaNs], [250, 150, -100]);
  assert.deepEqual([e2e.mean.baselineNs, e2e.mean.candidateNs, e2e.mean.deltaNs], [225, 125, -100]);
  assert.equal(
    cmp.ciMethod,
    '95% intervals are percentile-bootstrap intervals of the candidate-minus-baseline statistic ' +
      "over 1000 resamples per run, drawn with replacement and independently from each run's " +
      'uniform reservoir sample of up to 4096 values per stage or span (all values when fewer ' +
      'were recorded) with seed 1, resample percentiles drawn exactly as Beta order statistics ' +
      'and resample means drawn value by value up to 256 values and from their normal limit ' +
      'above, and none when a run has fewer than 20 values.',
  );
});

test('headline when the span is missing in one run, and without ECON', () => {
  const baseline = analyse('vanilla', vanillaTimelines(repeat(200, 30)));
  const noSocket = analyse('partial', [
    buildTimeline([
      ['outer_rcv', 0, 0],
      ['inner_rcv', 50, 0],
    ]),
  ]);
  assert.equal(compareRuns(baseline, noSocket).headline, 'end-to-end not measured in both runs');
  const withEcon = analyse('econ-partial', [], econOutcomes(1, 1));
  assert.equal(
    compareRuns(baseline, withEcon).headline,
    'end-to-end not measured in both runs, ECON hit rate 50.0%',
  );
  const slower = analyse('slower', vanillaTimelines(repeat(220, 30)));
  assert.equal(compareRuns(baseline, slower).headline, 'end-to-end p50 +10.0%, p99 +10.0%');
});

test('shared stages get deltas; intervals are null below the sample minimum', () => {
  const few = MIN_CI_SAMPLES - 1;
  const baseline = analyse('a', vanillaTimelines(repeat(200, 100)));
  const candidate = analyse('b', vanillaTimelines(repeat(100, few)));
  const cmp = compareRuns(baseline, candidate);
  assert.deepEqual(
    cmp.stages.map((s) => s.name),
    ['outer_rcv>inner_rcv', 'inner_rcv>container_rcv', 'container_rcv>sock_ready'],
  );
  for (const d of [...cmp.stages, ...cmp.endToEnd]) {
    assert.equal(d.p50.ci95Ns, null);
    assert.equal(d.p99.ci95Ns, null);
    assert.equal(d.mean.ci95Ns, null);
  }
  assert.deepEqual(cmp.skippedByCandidate, []);
  assert.deepEqual(cmp.onlyInCandidate, []);
  const enough = compareRuns(baseline, analyse('c', vanillaTimelines(repeat(100, MIN_CI_SAMPLES))));
  assert.deepEqual(enough.endToEnd[0]?.p50.ci95Ns, [-100, -100]);
});

test('the interval contains a known difference, and the estimate is close to it', () => {
  const rng = createRng(99);
  const draw = (shift: number) =>
    Array.from({ length: 20_000 }, () => 10_000 + nextIndex(rng, 10_000) + shift);
  const baseline = analyse('base', vanillaTimelines(draw(0)));
  const candidate = analyse('shifted', vanillaTimelines(draw(1000)));
  const e2e = compareRuns(baseline, candidate).endToEnd[0];
  assert.ok(e2e);
  for (const [label, d] of [
    ['p50', e2e.p50],
    ['p99', e2e.p99],
    ['mean', e2e.mean],
  ] as const) {
    const ci = d.ci95Ns;
    assert.ok(ci, `${label} has an interval`);
    assert.ok(
      ci[0] <= 1000 && 1000 <= ci[1],
      `${label} interval [${ci[0]}, ${ci[1]}] contains 1000`,
    );
    assert.ok(ci[1] - ci[0] < 1000, `${label} interval is informative`);
    assert.ok(Math.abs(d.deltaNs - 1000) < 250, `${label} estimate ${d.deltaNs}`);
  }
});

test('same seed, same output; another seed moves only the intervals', () => {
  const rng = createRng(5);
  const values = (scale: number) =>
    Array.from({ length: 3000 }, () => 1000 + nextIndex(rng, scale));
  const baseline = analyse('a', vanillaTimelines(values(50_000)));
  const candidate = analyse('b', vanillaTimelines(values(30_000)));
  const one = compareRuns(baseline, candidate, { seed: 3 });
  assert.deepEqual(compareRuns(baseline, candidate, { seed: 3 }), one);
  const other = compareRuns(baseline, candidate, { seed: 4 });
  assert.notDeepEqual(other.endToEnd[0]?.p99.ci95Ns, one.endToEnd[0]?.p99.ci95Ns);
  assert.deepEqual(other.endToEnd[0]?.p99.deltaNs, one.endToEnd[0]?.p99.deltaNs);
  assert.match(other.ciMethod, /seed 4/);
  const golden = compareRuns(baseline, candidate, { resamples: 200, seed: 3 });
  assertGolden('compare/seeded-comparison.json', JSON.stringify(golden, null, 2) + '\n');
});

test('timing: 18 stages and 2 spans with full reservoirs, 1000 resamples', () => {
  const rng = createRng(8);
  const walkAll = (spread: number): PacketTimeline[] =>
    Array.from({ length: 5000 }, (_, i) => {
      let ts = i * 10_000_000;
      const hops: HopSpec[] = CHECKPOINTS.map((c) => {
        ts += 100 + nextIndex(rng, spread);
        return [c.id, ts, 0];
      });
      return buildTimeline(hops);
    });
  const baseline = analyse('a', walkAll(5000));
  const candidate = analyse('b', walkAll(3000));
  // Collect the garbage of building the runs first, so it is not billed to compareRuns.
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const started = performance.now();
  const cmp = compareRuns(baseline, candidate);
  const ms = performance.now() - started;
  console.log(
    `compareRuns: ${cmp.stages.length} stages + ${cmp.endToEnd.length} spans in ${ms.toFixed(0)} ms`,
  );
  assert.equal(cmp.stages.length, CHECKPOINTS.length - 1);
  assert.equal(cmp.endToEnd.length, 2);
  assert.ok(cmp.stages.every((s) => s.p50.ci95Ns !== null));
  assert.ok(ms < 1000, `took ${ms} ms`);
});

test('CPU per packet is compared when both runs have stack samples, and absent otherwise', () => {
  const baseline = analyse('vanilla', vanillaTimelines(repeat(200, 30)));
  const candidate = analyse('econ', econTimelines(repeat(100, 30)));
  assert.equal('cpu' in compareRuns(baseline, candidate), false, 'no CPU data: no field');
  const cpu = (category: CpuCategory, ns: number, packets: number): CpuSummary => ({
    file: 'cpu/perf-script.txt',
    event: 'cpu-clock',
    samples: 2,
    timeSource: 'period',
    totalNs: ns,
    packets,
    nsPerPacket: ns / packets,
    perCategory: CPU_CATEGORIES.map((c) => ({
      category: c.category,
      title: c.title,
      samples: c.category === category ? 2 : 0,
      ns: c.category === category ? ns : 0,
      nsPerPacket: c.category === category ? ns / packets : 0,
    })),
    folded: { top: [], distinct: 0, otherSamples: 0, otherWeight: 0, totalWeight: ns },
    ingest: EMPTY_INGEST,
  });
  baseline.report.cpu = cpu('bridge', 60_000, 30);
  assert.equal('cpu' in compareRuns(baseline, candidate), false, 'one side only: no field');
  candidate.report.cpu = cpu('bridge', 15_000, 30);
  const cmp = compareRuns(baseline, candidate).cpu;
  assert.ok(cmp);
  assert.deepEqual(cmp.total, {
    baselineNsPerPacket: 2000,
    candidateNsPerPacket: 500,
    deltaNsPerPacket: -1500,
    deltaRel: -0.75,
  });
  assert.equal(cmp.perCategory.find((c) => c.category === 'bridge')?.deltaNsPerPacket, -1500);
});
