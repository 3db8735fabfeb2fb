import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TraceEvent } from '../../src/model/event.js';
import { EMPTY_EVENT } from '../../src/model/event.js';
import {
  BPFTRACE_CSV_HEADER,
  formatBpftraceCsvLine,
  parseBpftraceCsv,
} from '../../src/parse/bpftrace-csv.js';
import { FormatError } from '../../src/parse/format-error.js';
import { buildBadBpftraceCsv } from './bad-bpftrace-csv.js';
import { assertGolden } from './golden.js';
import { TINY_CHUNK_SIZES, parseBuffer, readFixture } from './parse-helpers.js';

/**
 * Golden dump, then the same result from every tiny chunk size (fed from `tinyData` when given:
 * the same input with a shorter over-long line, so 1-byte chunks stay quick).
 */
async function checkCsv(
  data: Buffer,
  file: string,
  golden: string,
  tinyData = data,
): Promise<void> {
  const whole = await parseBuffer(parseBpftraceCsv, data, file);
  await assertGolden(golden, whole.dump);
  for (const size of TINY_CHUNK_SIZES) {
    const tiny = await parseBuffer(parseBpftraceCsv, tinyData, file, size);
    assert.equal(tiny.dump, whole.dump, `chunks of ${size} bytes`);
  }
}

test('bpftrace-csv: hand-made sample with every column', async () => {
  await checkCsv(
    await readFixture('bpftrace-sample.csv'),
    'events/sample.csv',
    'bpftrace-sample.txt',
  );
});

test('bpftrace-csv: bad input is counted by reason with file:line examples', async () => {
  const data = buildBadBpftraceCsv();
  await checkCsv(data, 'events/bad.csv', 'bpftrace-bad.txt', buildBadBpftraceCsv(5000));
  const { events, counters } = await parseBuffer(parseBpftraceCsv, data, 'events/bad.csv');
  assert.deepEqual(
    events.map((e) => [e.tsNs, e.skb]),
    [
      // 167388118514 ns: the origin is 167 s, so offsets keep the sub-second part.
      [388_118_514, 'ffff88810a288d00'],
      [388_119_300, 'ffff88810a288d00'],
    ],
  );
  assert.equal(counters.linesRead, 19);
  assert.equal(counters.eventsAccepted, 2);
  assert.equal(counters.lostEvents, 42);
  const byReason = Object.fromEntries(
    counters.issues.map((i) => [i.reason, [i.count, i.examples.map((e) => `${e.file}:${e.line}`)]]),
  );
  assert.deepEqual(byReason, {
    'malformed-line': [2, ['events/bad.csv:4', 'events/bad.csv:16']],
    'unknown-point': [1, ['events/bad.csv:5']],
    'missing-columns': [1, ['events/bad.csv:6']],
    'extra-columns': [1, ['events/bad.csv:7']],
    'bad-number': [4, ['events/bad.csv:8', 'events/bad.csv:9', 'events/bad.csv:10']],
    'binary-garbage': [2, ['events/bad.csv:12', 'events/bad.csv:13']],
    'line-too-long': [1, ['events/bad.csv:14']],
    'truncated-last-line': [1, ['events/bad.csv:19']],
  });
});

test('bpftrace-csv: an empty file gives no events and no issues', async () => {
  const { events, counters } = await parseBuffer(parseBpftraceCsv, Buffer.alloc(0), 'e.csv');
  assert.deepEqual(events, []);
  assert.deepEqual(counters, { linesRead: 0, eventsAccepted: 0, lostEvents: 0, issues: [] });
});

test('bpftrace-csv: a file without the header is not this format', async () => {
  const data = Buffer.from('Attaching 3 probes...\n167388118514,1,netif_rx,eth0,ff,1,,,,,,,,\n');
  await assert.rejects(parseBuffer(parseBpftraceCsv, data, 'events/x.csv'), (err: unknown) => {
    assert.ok(err instanceof FormatError);
    assert.equal(
      err.message,
      `events/x.csv: line 2 is not the bpftrace-csv header "${BPFTRACE_CSV_HEADER}"; check the events format named in manifest.json (bpftrace-csv or perf-script)`,
    );
    return true;
  });
});

test('bpftrace-csv: parse, format, parse again gives the same events', async () => {
  const first = await parseBuffer(
    parseBpftraceCsv,
    await readFixture('bpftrace-sample.csv'),
    'a.csv',
  );
  const originSec = first.origin.originSec ?? 0;
  const text = [
    BPFTRACE_CSV_HEADER,
    ...first.events.map((e) => formatBpftraceCsvLine(e, originSec)),
  ];
  const second = await parseBuffer(parseBpftraceCsv, Buffer.from(`${text.join('\n')}\n`), 'b.csv');
  assert.ok(first.events.length >= 25);
  assert.deepEqual(second.events, first.events);
  assert.equal(second.origin.originSec, originSec);
});

test('bpftrace-csv: timestamps beyond 2^53 ns (200 days of uptime) stay exact', async () => {
  // 200 days = 17_280_000 s: absolute ns values near 1.7e16, past 2^53 (about 9.007e15).
  const lines = [
    BPFTRACE_CSV_HEADER,
    '17280000123456789,0,netif_receive_skb,eth0,ff01,60,,,,,,,,',
    '17280000123456790,0,netif_rx,eth0,ff01,60,,,,,,,,',
    '17280003000000001,1,consume_skb,,ff01,,,,,,,,,',
  ];
  const { events, origin } = await parseBuffer(
    parseBpftraceCsv,
    Buffer.from(lines.join('\n')),
    'big.csv',
  );
  assert.equal(origin.originSec, 17_280_000);
  assert.deepEqual(
    events.map((e) => e.tsNs),
    [123_456_789, 123_456_790, 3_000_000_001],
  );
  const back = events.map((e) => formatBpftraceCsvLine(e, 17_280_000).split(',')[0]);
  assert.deepEqual(back, ['17280000123456789', '17280000123456790', '17280003000000001']);
});

test('bpftrace-csv: empty fields become the EMPTY_EVENT sentinels', async () => {
  const data = Buffer.from(`${BPFTRACE_CSV_HEADER}\n5,,econ_rx_remove_all,,,,,,,,,,,\n`);
  const { events } = await parseBuffer(parseBpftraceCsv, data, 'e.csv');
  const expected: TraceEvent = { ...EMPTY_EVENT, tsNs: 5, point: 'econ_rx_remove_all' };
  assert.deepEqual(events, [expected]);
});
