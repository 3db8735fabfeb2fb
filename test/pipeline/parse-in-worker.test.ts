/**
 * Parsing in a worker thread gives exactly what parsing in this thread gives: the same batches,
 * events, counters (issue order and examples included, also when the run's counters already
 * hold issues), clock origin and FormatError; on the real fixture, on bad input spread over
 * several batches, and across a name-table reset.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMPTY_EVENT, type ClockOrigin, type TraceEvent } from '../../src/model/event.js';
import { countIssue, createIngestCounters, type IngestCounters } from '../../src/model/ingest.js';
import { parseBpftraceCsvColumns } from '../../src/parse/bpftrace-csv.js';
import { FormatError } from '../../src/parse/format-error.js';
import { MAX_NAMES } from '../../src/parse/name-table.js';
import { parseBpftraceCsvInWorker } from '../../src/pipeline/parse-in-worker.js';
import { openByteStream } from '../../src/read/open-byte-stream.js';
import { readRunFolder } from '../../src/run-folder/read-run-folder.js';

const HEADER = 'ts_ns,cpu,point,dev,skb,len,hash,saddr,daddr,sport,dport,proto,segs,ret';
const VANILLA = fileURLToPath(new URL('../../fixtures/runs/overlay-vanilla', import.meta.url));

interface Parsed {
  events: TraceEvent[];
  sizes: number[];
  counters: IngestCounters;
  origin: ClockOrigin;
}

/** Counters and origin as a run's second file would find them. */
function startState(): { counters: IngestCounters; origin: ClockOrigin } {
  const counters = createIngestCounters();
  countIssue(counters, 'out-of-order', undefined, 5);
  countIssue(counters, 'bad-number', { file: 'events/first.csv', line: 9, text: 'x' });
  return { counters, origin: { originSec: null } };
}

async function parse(path: string, inWorker: boolean): Promise<Parsed> {
  const { counters, origin } = startState();
  const ctx = { file: 'events/p.csv', origin, counters };
  const events: TraceEvent[] = [];
  const sizes: number[] = [];
  const batches = inWorker
    ? parseBpftraceCsvInWorker(path, ctx)
    : parseBpftraceCsvColumns(openByteStream(path), ctx);
  for await (const columns of batches) {
    for (let i = 0; i < columns.n; i++) {
      const ev = { ...EMPTY_EVENT };
      columns.fill(i, ev);
      events.push(ev);
    }
    sizes.push(columns.n);
  }
  return { events, sizes, counters, origin };
}

async function withFile(text: string, body: (path: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'econ-trace-worker-'));
  try {
    const path = join(dir, 'p.csv');
    await writeFile(path, text);
    await body(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('worker = this thread on the vanilla fixture', async () => {
  const folder = await readRunFolder(VANILLA);
  const file = folder.eventFiles[0];
  assert.ok(file);
  const a = await parse(file.path, false);
  const b = await parse(file.path, true);
  assert.ok(a.events.length > 40_000);
  assert.deepEqual(b, a);
});

test('worker = this thread on bad input over several batches', async () => {
  const lines = ['Attaching 9 probes...', HEADER];
  for (let i = 0; i < 40_000; i++) {
    const ts = 1_700_000_000_000_000_000 + i * 1000;
    lines.push(
      `${ts},${i % 2},netif_receive_skb,eth0,ffff8881${(i % 4096).toString(16)},70,1,10.0.0.1,10.0.0.2,1,2,17,1,`,
    );
    if (i % 997 === 0) lines.push(`${ts},0,no_such_point,eth0,ff,,,,,,,,,`);
    if (i % 1499 === 0) lines.push(`${ts},0,netif_rx,eth0,ff,,,,,,,,`);
    if (i % 5003 === 0) lines.push(`Lost ${i} events`);
    if (i % 7001 === 0) lines.push(`${ts},0,netif_rx,eth0,zz,,,,,,,,,`);
  }
  await withFile(`${lines.join('\n')}\n110,0,netif_rx`, async (path) => {
    const a = await parse(path, false);
    const b = await parse(path, true);
    assert.ok(a.sizes.length > 2, 'several batches');
    assert.deepEqual(b, a);
    assert.deepEqual(
      b.counters.issues.map((i) => i.reason),
      ['out-of-order', 'bad-number', 'unknown-point', 'missing-columns', 'truncated-last-line'],
    );
  });
});

test('worker = this thread across a name-table reset', async () => {
  const lines = [HEADER];
  const distinct = MAX_NAMES + 5000;
  for (let i = 0; i < distinct; i++) {
    const addr = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    lines.push(`${1000 + i},0,netif_rx,eth0,ff,70,,${addr},10.0.0.2,,,,,`);
  }
  await withFile(`${lines.join('\n')}\n`, async (path) => {
    const a = await parse(path, false);
    const b = await parse(path, true);
    assert.equal(a.events.length, distinct);
    assert.equal(a.events.at(-1)?.saddr, '10.1.19.135');
    assert.deepEqual(b, a);
  });
});

test('worker throws the same FormatError for a file that is not bpftrace-csv', async () => {
  await withFile('hello\nworld\n', async (path) => {
    const err = await parse(path, true).then(
      () => null,
      (e: unknown) => e,
    );
    const expected = await parse(path, false).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof FormatError);
    assert.ok(expected instanceof FormatError);
    assert.equal(err.message, expected.message);
  });
});
