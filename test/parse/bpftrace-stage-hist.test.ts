import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createIngestCounters } from '../../src/model/ingest.js';
import { parseStageHistograms, type StageHistograms } from '../../src/parse/bpftrace-stage-hist.js';
import { FormatError } from '../../src/parse/format-error.js';
import { summariseKernelStages } from '../../src/analyse/kernel-stages.js';
import { assertGolden } from './golden.js';

const FIXTURES = new URL('../fixtures-parse/', import.meta.url);

/** A readable dump: packets, sampled, then per stage its bucket total and summary. */
function dumpHistograms(h: StageHistograms): string {
  const lines = [`packets ${h.packets}`, `sampled ${h.sampled}`];
  for (const [at, n] of h.starts) lines.push(`start ${at} ${n}`);
  for (const s of summariseKernelStages(h).stats) {
    const l = s.latency;
    lines.push(
      `${s.name} count=${l.count} min=${l.minNs} p50=${l.p50Ns} p90=${l.p90Ns} p99=${l.p99Ns} p999=${l.p999Ns} max=${l.maxNs} mean=${l.meanNs.toFixed(1)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

test('stage-hist: a real aggregates file, golden', async () => {
  const text = await readFile(new URL('stage-hist-overlay-udp.txt', FIXTURES), 'utf8');
  const counters = createIngestCounters();
  const h = parseStageHistograms(text, 'aggregates/stages.txt', counters);
  assert.deepEqual(counters.issues, []);
  assert.ok(h.packets > 100_000);
  await assertGolden('stage-hist-overlay-udp.txt', dumpHistograms(h));
});

test('stage-hist: bad lines are counted by reason, good ones kept', async () => {
  const text = await readFile(new URL('stage-hist-bad.txt', FIXTURES), 'utf8');
  const counters = createIngestCounters();
  const h = parseStageHistograms(text, 'bad.txt', counters);
  const byReason = Object.fromEntries(counters.issues.map((i) => [i.reason, i.count]));
  // "not a line", "@stage[12]: x", "@other[1]: 5"; @starts[40] and @stage[99999999] name no checkpoint.
  assert.deepEqual(byReason, { 'unknown-point': 2, 'malformed-line': 3 });
  assert.equal(h.packets, 10);
  assert.equal(h.sampled, 2);
  // 475303 and 475304: from 14 (container_rcv), to 16 (sock_ready), buckets 167 and 168.
  const stage = [...h.stages.values()][0];
  assert.equal(stage?.from, 'container_rcv');
  assert.equal(stage?.to, 'sock_ready');
  assert.deepEqual(
    [...(stage?.buckets ?? [])],
    [
      [167, 3],
      [168, 4],
    ],
  );
  const malformed = counters.issues.find((i) => i.reason === 'malformed-line');
  assert.deepEqual(malformed?.examples[0], { file: 'bad.txt', line: 7, text: 'not a line' });
});

test('stage-hist: a file without the marker line is not this format', () => {
  assert.throws(
    () => parseStageHistograms('ts_ns,cpu\n', 'x.txt', createIngestCounters()),
    (err) => err instanceof FormatError && /not a bpftrace-stage-hist file/.test(err.message),
  );
});

test("stage-hist: the native recorder's @replaced is counted as kernel-slot-replaced", () => {
  const text = [
    '=== econ-trace aggregates v1 ===',
    '@starts[6]: 100',
    '',
    '@sampled[0]: 2',
    '',
    '@replaced[0]: 7',
    '',
    '@stage[207975]: 100',
    '',
  ].join('\n');
  const counters = createIngestCounters();
  const h = parseStageHistograms(text, 'aggregates/stages.txt', counters);
  assert.equal(h.packets, 100);
  assert.deepEqual(
    counters.issues.map((i) => [i.reason, i.count, i.examples[0]?.line]),
    [['kernel-slot-replaced', 7, 6]],
  );
  // Zero replaced packets is nothing to report.
  const quiet = createIngestCounters();
  parseStageHistograms(text.replace('@replaced[0]: 7', '@replaced[0]: 0'), 'a', quiet);
  assert.deepEqual(quiet.issues, []);
});
