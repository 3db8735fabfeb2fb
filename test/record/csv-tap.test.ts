import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AGGREGATES_MARKER, CSV_HEADER, createCsvTap } from '../../src/record/csv-tap.js';

const TEXT = [
  'Attaching 10 probes...',
  CSV_HEADER,
  '1000,0,netif_rx,ulB,ffff1,78,5,,,,,,1,',
  '1001,0,netif_receive_skb,ulB,ffff1,78,5,,,,,,1,',
  '1002,0,netif_receive_skb,vxlan0,ffff1,28,5,,,,,,1,',
  'Lost 7 events',
  '1003,1,netif_receive_skb,ulA,ffff2,78,5,,,,,,1,',
  '1004,1,netif_receive_skbx,ulA,ffff2,78,5,,,,,,1,',
  '1005,1,netif_receive_skb,ulA',
  '1006,1,netif_receive_skb,ulAB,ffff2,78,5,,,,,,1,',
  'Lost 2 events',
  '1007,1,consume_skb,,ffff2,,,,,,,,,',
].join('\n');

async function run(chunk: number): Promise<{
  stats: ReturnType<typeof createCsvTap>['stats'];
  out: string;
  headerCalls: number;
  packetCalls: number[];
}> {
  let headerCalls = 0;
  const packetCalls: number[] = [];
  const tap = createCsvTap({
    packetDevices: ['ulA', 'ulB'],
    onHeader: () => (headerCalls += 1),
    onPacket: (n) => packetCalls.push(n),
  });
  const parts: Buffer[] = [];
  const bytes = Buffer.from(TEXT, 'latin1');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  await pipeline(
    Readable.from(chunks),
    tap.stream,
    new Writable({
      write(c: Buffer, _e, done) {
        parts.push(c);
        done();
      },
    }),
  );
  return {
    stats: tap.stats,
    out: Buffer.concat(parts).toString('latin1'),
    headerCalls,
    packetCalls,
  };
}

test('passes bytes through and counts events, packets, lost events and the header at any chunk size', async () => {
  for (const chunk of [1, 3, 17, 64, 100_000]) {
    const r = await run(chunk);
    assert.equal(r.out, TEXT, `bytes unchanged at chunk ${chunk}`);
    assert.deepEqual(
      r.stats,
      { events: 8, packets: 2, lostEvents: 9, headerSeen: true, aggregatesSeen: false },
      `chunk ${chunk}`,
    );
    assert.equal(r.headerCalls, 1);
    assert.deepEqual(r.packetCalls, [1, 2]);
  }
});

test('no packet devices: events counted, packets not', async () => {
  const tap = createCsvTap({ packetDevices: [] });
  await pipeline(
    Readable.from([Buffer.from(`${CSV_HEADER}\n1,0,netif_receive_skb,ulB,f,1,1,,,,,,1,\n`)]),
    tap.stream,
    new Writable({ write: (_c, _e, d) => d() }),
  );
  assert.deepEqual(tap.stats, {
    events: 1,
    packets: 0,
    lostEvents: 0,
    headerSeen: true,
    aggregatesSeen: false,
  });
});

test('aggregate mode: from the marker line on, bytes go to the aggregates sink, at any chunk size', async () => {
  const dump = `${AGGREGATES_MARKER}\n@starts[5]: 3\n\n@stage[208024]: 2\n`;
  const whole = `${TEXT}\n${dump}`;
  for (const chunk of [1, 2, 7, 33, 100_000]) {
    const side: Buffer[] = [];
    const tap = createCsvTap({ packetDevices: ['ulA', 'ulB'], aggregates: (c) => side.push(c) });
    const parts: Buffer[] = [];
    const bytes = Buffer.from(whole, 'latin1');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
    await pipeline(
      Readable.from(chunks),
      tap.stream,
      new Writable({
        write(c: Buffer, _e, done) {
          parts.push(c);
          done();
        },
      }),
    );
    assert.equal(Buffer.concat(parts).toString('latin1'), `${TEXT}\n`, `events at chunk ${chunk}`);
    assert.equal(Buffer.concat(side).toString('latin1'), dump, `aggregates at chunk ${chunk}`);
    assert.equal(tap.stats.aggregatesSeen, true);
    assert.equal(tap.stats.events, 8);
  }
});
