/**
 * The single-pass reader (bpftrace-csv-scan.ts) must give exactly what the field-by-field
 * reader gives: same events, same counters, same clock origin, on the real fixture and on lines
 * made to sit at every edge it decides on (empty fields, digit limits, skb lengths, hex case,
 * column counts, signs, CRLF), whole and in tiny chunks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { EMPTY_EVENT, type TraceEvent } from '../../src/model/event.js';
import { createIngestCounters } from '../../src/model/ingest.js';
import { BpftraceCsvLineReader } from '../../src/parse/bpftrace-csv-line.js';
import { BPFTRACE_CSV_HEADER } from '../../src/parse/bpftrace-csv.js';
import { LineSplitter } from '../../src/read/split-lines.js';

const FIXTURE = fileURLToPath(
  new URL('../../fixtures/runs/overlay-vanilla/events/packets.csv.gz', import.meta.url),
);

function read(data: Buffer, singlePass: boolean, chunk = 0) {
  const ctx = { file: 'f', origin: { originSec: null }, counters: createIngestCounters() };
  const reader = new BpftraceCsvLineReader(ctx, singlePass);
  const splitter = new LineSplitter();
  const events: TraceEvent[] = [];
  const take = (): void => {
    for (let i = 0; i < reader.columns.n; i++) {
      const ev = { ...EMPTY_EVENT };
      reader.columns.fill(i, ev);
      events.push(ev);
    }
    reader.clearBatch();
  };
  const size = chunk > 0 ? chunk : data.length;
  for (let at = 0; at < data.length; at += size) {
    splitter.push(data.subarray(at, at + size), reader);
    take();
  }
  splitter.end(reader);
  take();
  return { events, counters: ctx.counters, origin: ctx.origin };
}

test('single pass reads the fixture exactly as the field-by-field reader', async () => {
  const data = gunzipSync(await readFile(FIXTURE));
  const full = read(data, false);
  assert.ok(full.events.length > 40_000);
  assert.deepEqual(read(data, true), full);
});

const EDGE_LINES = [
  '1126426186272,0,net_dev_start_xmit,eth0,ffff88810a9f6000,106,760485838,10.233.1.2,10.233.2.2,42685,5201,17,1,',
  // Empty optional fields, and every field empty but ts and point.
  '1126426186273,,netif_rx,,,,,,,,,,,',
  '5,,netif_rx,,,,,,,,,,,',
  // ts at the digit limits: 9, 10, 15 digits read here; 16 and 21 left to the full reader.
  '123456789,1,netif_rx,eth0,ff,1,1,,,,,,,',
  '1234567890,1,netif_rx,eth0,ff,1,1,,,,,,,',
  '999999999999999,1,netif_rx,eth0,ff,1,1,,,,,,,',
  '1000000000000000,1,netif_rx,eth0,ff,1,1,,,,,,,',
  '123456789012345678901,0,netif_rx,eth0,ff,,,,,,,,,',
  // skb: 1 to 16 digits, leading zeros, upper case, 0x prefix, 17 digits, bad digit.
  '10,0,netif_rx,eth0,f,,,,,,,,,',
  '11,0,netif_rx,eth0,00ff,,,,,,,,,',
  '12,0,netif_rx,eth0,123456789,,,,,,,,,',
  '13,0,netif_rx,eth0,0000000000000001,,,,,,,,,',
  '14,0,netif_rx,eth0,FFFF88810A288D00,,,,,,,,,',
  '15,0,netif_rx,eth0,0xffff88810a288d00,,,,,,,,,',
  '16,0,netif_rx,eth0,0x,,,,,,,,,',
  '17,0,netif_rx,eth0,11112222333344445,,,,,,,,,',
  '18,0,netif_rx,eth0,fg,,,,,,,,,',
  // Numbers: 15 digits, 16 digits, a letter, a sign where none belongs.
  '19,0,netif_rx,eth0,ff,999999999999999,1,,,,,,,',
  '20,0,netif_rx,eth0,ff,9999999999999999,1,,,,,,,',
  '21,x,netif_rx,eth0,ff,70,1,,,,,,,',
  '22,0,netif_rx,eth0,ff,-70,1,,,,,,,',
  // ret: empty, signed, -0, a lone minus, 16 digits, not a number.
  '23,0,econ_rx,eth0,ff,,,,,,,,,0',
  '24,0,econ_rx,eth0,ff,,,,,,,,,-3',
  '25,0,econ_rx,eth0,ff,,,,,,,,,-0',
  '26,0,econ_rx,eth0,ff,,,,,,,,,-',
  '27,0,econ_rx,eth0,ff,,,,,,,,,1234567890123456',
  '28,0,econ_rx,eth0,ff,,,,,,,,,1x',
  // Columns: one too few, one and two too many, a comma inside dev.
  '29,0,netif_rx,eth0,ff,,,,,,,,',
  '30,0,netif_rx,eth0,ff,,,,,,,,,,',
  '31,0,netif_rx,eth0,ff,,,,,,,,,,,',
  '32,0,netif_rx,et,h0,ff,,,,,,,,,',
  // Names: unknown point, empty point, control byte in dev, bad and good addresses.
  '33,0,no_such_point,eth0,ff,,,,,,,,,',
  '34,0,,eth0,ff,,,,,,,,,',
  '35,0,netif_rx,eth\u0001,ff,,,,,,,,,',
  '36,0,netif_rx,eth0,ff,,,999.1.1.1,,,,,,',
  '37,0,netif_rx,eth0,ff,,,10.0.0.1,10.0.0.256,,,,,',
  '38,0,netif_rx,eth0,ff,,,10.0.0.1,10.0.0.2,1,2,17,3,',
  '39,1,sk_data_ready,,,,,,,,,17,,',
  '40,0,netif_rx,a-device-name-longer-than-thirty-two-bytes,ff,,,,,,,,,',
  'Lost 12 events',
];

test('single pass agrees with the field-by-field reader at every edge, in any chunking', () => {
  const lines = ['Attaching 3 probes...', BPFTRACE_CSV_HEADER, ...EDGE_LINES];
  const lf = Buffer.from(`${lines.join('\n')}\n41,0,netif_rx`, 'utf8');
  const crlf = Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
  for (const data of [lf, crlf]) {
    for (const chunk of [0, 1, 5, 64]) {
      const full = read(data, false, chunk);
      assert.deepEqual(read(data, true, chunk), full, `chunk ${chunk}`);
      assert.ok(full.events.length >= 20);
    }
  }
});
