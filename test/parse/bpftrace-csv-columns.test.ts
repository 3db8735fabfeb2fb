/**
 * The columnar fast path (parseBpftraceCsvColumns, used by the pipeline) gives exactly the events
 * and counters of the public parser, on the real fixture and on hand-made bad input, whole and in
 * tiny chunks; and the skb cache normalises and keeps distinct what it must.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { EMPTY_EVENT, type TraceEvent } from '../../src/model/event.js';
import { createIngestCounters } from '../../src/model/ingest.js';
import { parseBpftraceCsv, parseBpftraceCsvColumns } from '../../src/parse/bpftrace-csv.js';
import { SkbCache } from '../../src/parse/skb-cache.js';
import { chunked } from './parse-helpers.js';

const FIXTURE = fileURLToPath(
  new URL('../../fixtures/runs/overlay-vanilla/events/packets.csv.gz', import.meta.url),
);

async function viaObjects(data: Buffer, chunk: number) {
  const ctx = { file: 'f', origin: { originSec: null }, counters: createIngestCounters() };
  const events: TraceEvent[] = [];
  const sizes: number[] = [];
  for await (const batch of parseBpftraceCsv(chunked(data, chunk), ctx)) {
    events.push(...batch);
    sizes.push(batch.length);
  }
  return { events, sizes, counters: ctx.counters, origin: ctx.origin };
}

async function viaColumns(data: Buffer, chunk: number) {
  const ctx = { file: 'f', origin: { originSec: null }, counters: createIngestCounters() };
  const events: TraceEvent[] = [];
  const sizes: number[] = [];
  for await (const columns of parseBpftraceCsvColumns(chunked(data, chunk), ctx)) {
    for (let i = 0; i < columns.n; i++) {
      const ev = { ...EMPTY_EVENT };
      columns.fill(i, ev);
      events.push(ev);
    }
    sizes.push(columns.n);
  }
  return { events, sizes, counters: ctx.counters, origin: ctx.origin };
}

test('columns give the same events, batches and counters as objects (fixture, whole)', async () => {
  const data = gunzipSync(await readFile(FIXTURE));
  const a = await viaObjects(data, 0);
  const b = await viaColumns(data, 0);
  assert.ok(a.events.length > 40_000);
  assert.deepEqual(b, a);
});

test('columns match objects on bad input in tiny chunks', async () => {
  const header = 'ts_ns,cpu,point,dev,skb,len,hash,saddr,daddr,sport,dport,proto,segs,ret';
  const lines = [
    'Attaching 3 probes...',
    header,
    '100,0,netif_rx,eth0,0xFFFF88810A288D00,70,1,10.0.0.1,10.0.0.2,1,2,17,1,',
    '101,0,netif_rx,eth0,ffff88810a288d00,70,4294967295,10.0.0.1,10.0.0.2,1,2,17,,-3',
    '102,x,netif_rx,eth0,ffff88810a288d00,70,1,,,,,,,',
    '103,0,no_such_point,eth0,ff,,,,,,,,,',
    '104,0,netif_rx,eth0,ff,,,,,,,,',
    '105,0,netif_rx,eth0,ff,,,,,,,,,,',
    '106,0,netif_rx,eth0,00ff,,,999.1.1.1,,,,,,',
    '107,0,netif_rx,eth\u0001,ff,,,,,,,,,',
    'Lost 12 events',
    '123456789012345678901,0,netif_rx,eth0,ff,,,,,,,,,',
    '108,1,consume_skb,,00ff,,,,,,,,,',
    '109,1,sk_data_ready,,,,,,,,,17,,',
  ];
  const data = Buffer.from(`${lines.join('\n')}\n110,0,netif_rx`, 'utf8');
  for (const chunk of [0, 1, 3, 7]) {
    const a = await viaObjects(data, chunk);
    const b = await viaColumns(data, chunk);
    assert.deepEqual(b.events, a.events, `chunk ${chunk}`);
    assert.deepEqual(b.counters, a.counters, `chunk ${chunk}`);
    assert.equal(a.events.length, 4);
  }
});

test('skb cache: lowercase without 0x, value and digit count both part of the key', () => {
  const cache = new SkbCache();
  const at = (s: string) => cache.getBytes(Buffer.from(s, 'latin1'), s, 0, s.length);
  assert.equal(at('0xFFFF88810A288D00'), 'ffff88810a288d00');
  assert.equal(at('ffff88810a288d00'), 'ffff88810a288d00');
  assert.equal(at('ff'), 'ff');
  assert.equal(at('00ff'), '00ff');
  assert.equal(at('ff'), 'ff');
  assert.equal(at('0x'), null);
  assert.equal(at('fg'), null);
  assert.equal(at('11112222333344445'), null);
  // Many distinct addresses (slot collisions) still come back right.
  for (let i = 0; i < 50_000; i++) {
    const hex = (0xffff888100000000 + i * 256).toString(16);
    assert.equal(at(hex), hex);
  }
});
