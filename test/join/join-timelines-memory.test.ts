/**
 * The joiner's memory follows the packets in flight, not the trace: 2M synthetic events, a tenth
 * of the packets never freed (their timelines must go by idle timeout), heap measured after a
 * forced GC at a quarter and at the end of the input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTimelineJoiner } from '../../src/join/join-timelines.js';
import { createIngestCounters } from '../../src/model/ingest.js';
import { LAB_DEVICES, OVERLAY_WALK, walk } from './event-builder.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const TOTAL_EVENTS = 2_000_000;
const PACKET_SPACING_US = 20;

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

test('2M events: heap stays flat, every packet delivered', (t) => {
  const counters = createIngestCounters();
  let delivered = 0;
  let timedOut = 0;
  const joiner = createTimelineJoiner({
    devices: LAB_DEVICES,
    path: 'overlay',
    counters,
    onTimeline: (tl) => {
      delivered++;
      if (tl.end === 'timeout') timedOut++;
    },
  });
  const unfreed = OVERLAY_WALK.filter((c) => c !== 'freed');
  let events = 0;
  let packets = 0;
  let leaked = 0;
  let quarterMb = 0;
  const started = process.hrtime.bigint();
  while (events < TOTAL_EVENTS) {
    const leaks = packets % 10 === 9;
    // Freed packets share a pool of addresses; leaked ones never come back.
    const skb = leaks ? `leak${leaked++}` : `pool${packets % 4096}`;
    const evs = walk(skb, packets * PACKET_SPACING_US, leaks ? unfreed : OVERLAY_WALK, {
      cpu: packets % 2,
      more: { lenBytes: 100, hash: 1 + (packets % 7) },
    });
    for (const ev of evs) joiner.push(ev);
    events += evs.length;
    packets++;
    if (quarterMb === 0 && events >= TOTAL_EVENTS / 4) quarterMb = heapMb();
  }
  const endMb = heapMb();
  joiner.finish();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  t.diagnostic(
    `${events} events in ${seconds.toFixed(2)} s; heap ${quarterMb.toFixed(1)} MB -> ${endMb.toFixed(1)} MB`,
  );
  assert.equal(delivered, packets);
  // Leaked packets end by idle timeout, except those of the last 1 s plus one sweep interval,
  // which finish() ends.
  const lastSecondLeaks = 1_200_000 / PACKET_SPACING_US / 10;
  assert.ok(timedOut > leaked - lastSecondLeaks, `timed out ${timedOut} of ${leaked}`);
  assert.ok(endMb - quarterMb < 8, `heap grew ${(endMb - quarterMb).toFixed(1)} MB`);
});
