import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReorderBuffer } from '../../src/join/reorder-buffer.js';
import { createIngestCounters } from '../../src/model/ingest.js';
import type { TraceEvent } from '../../src/model/event.js';
import { e, issueCounts } from './event-builder.js';

function reorder(events: TraceEvent[], windowNs: number): { out: string[]; issues: object } {
  const counters = createIngestCounters();
  const out: string[] = [];
  const buffer = createReorderBuffer({
    windowNs,
    counters,
    onEvent: (ev) => out.push(`${ev.tsNs}/${ev.skb}`),
  });
  for (const ev of events) buffer.push(ev);
  buffer.flush();
  return { out, issues: issueCounts(counters) };
}

test('events of two CPUs drained in turns come out in time order', () => {
  // CPU 0's buffer first, then CPU 1's, as bpftrace prints them.
  const events = [
    e(1, 'netif_rx', 'eth0', 'a', { cpu: 0 }),
    e(3, 'netif_rx', 'eth0', 'b', { cpu: 0 }),
    e(5, 'netif_rx', 'eth0', 'c', { cpu: 0 }),
    e(2, 'netif_rx', 'eth0', 'x', { cpu: 1 }),
    e(4, 'netif_rx', 'eth0', 'y', { cpu: 1 }),
  ];
  const { out, issues } = reorder(events, 50_000_000);
  assert.deepEqual(out, ['1000/a', '2000/x', '3000/b', '4000/y', '5000/c']);
  assert.deepEqual(issues, { 'out-of-order': 2 });
});

test('equal timestamps keep their arrival order', () => {
  const events = ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => e(7, 'netif_rx', 'eth0', s));
  const { out } = reorder([e(9, 'netif_rx', 'eth0', 'z'), ...events], 50_000_000);
  assert.deepEqual(out, ['7000/a', '7000/b', '7000/c', '7000/d', '7000/e', '7000/f', '9000/z']);
});

test('an event older than what was already released is late: counted, passed on at once', () => {
  const windowNs = 10_000; // 10 µs
  const events = [
    e(0, 'netif_rx', 'eth0', 'a'),
    e(20, 'netif_rx', 'eth0', 'b'), // releases a (0 < 20 - 10)
    e(15, 'netif_rx', 'eth0', 'c'), // within the window: fixed
    e(40, 'netif_rx', 'eth0', 'd'), // releases b and c
    e(16, 'netif_rx', 'eth0', 'late'), // older than c, already released
  ];
  const { out, issues } = reorder(events, windowNs);
  assert.deepEqual(out, ['0/a', '15000/c', '20000/b', '16000/late', '40000/d']);
  assert.deepEqual(issues, { 'out-of-order': 1, 'late-beyond-window': 1 });
});

test('memory holds one window of events, not the trace', () => {
  const counters = createIngestCounters();
  let released = 0;
  let lastTs = -1;
  const buffer = createReorderBuffer({
    windowNs: 1_000_000,
    counters,
    onEvent: (ev) => {
      assert.ok(ev.tsNs >= lastTs, 'time order');
      lastTs = ev.tsNs;
      released++;
    },
  });
  let maxHeld = 0;
  // 200k events 1 µs apart, shuffled within blocks of 64 (two CPUs drained in turns).
  for (let block = 0; block < 200_000 / 64; block++) {
    for (let i = 0; i < 64; i++) {
      const k = block * 64 + ((i * 37) % 64);
      buffer.push(e(k, 'netif_rx', 'eth0', 'a'));
    }
    maxHeld = Math.max(maxHeld, buffer.size);
  }
  buffer.flush();
  assert.equal(released, (200_000 >> 6) << 6);
  assert.ok(maxHeld <= 1100, `held at most ${maxHeld}`);
  assert.equal(issueCounts(counters)['late-beyond-window'], undefined);
});

test('any disorder smaller than the window comes out as a stable sort by time', () => {
  // Deterministic pseudo-random jitter (LCG) of up to 30 µs around a rising clock, many ties.
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const events: TraceEvent[] = [];
  for (let i = 0; i < 20_000; i++) {
    const us = Math.floor(i / 4) + Math.floor(rand() * 30);
    events.push(e(us, 'netif_rx', 'eth0', `s${i}`));
  }
  const expected = events
    .map((ev, i) => ({ ev, i }))
    .sort((a, b) => a.ev.tsNs - b.ev.tsNs || a.i - b.i)
    .map(({ ev }) => `${ev.tsNs}/${ev.skb}`);
  const { out, issues } = reorder(events, 50_000);
  assert.deepEqual(out, expected);
  assert.equal((issues as Record<string, number>)['late-beyond-window'], undefined);
});

test('window 0 passes events straight on and counts the ones that go back in time', () => {
  const events = [
    e(1, 'netif_rx', 'eth0', 'a'),
    e(2, 'netif_rx', 'eth0', 'b'),
    e(2, 'netif_rx', 'eth0', 'c'),
    e(1.5, 'netif_rx', 'eth0', 'd'),
  ];
  const { out, issues } = reorder(events, 0);
  assert.deepEqual(out, ['1000/a', '2000/b', '2000/c', '1500/d']);
  assert.deepEqual(issues, { 'late-beyond-window': 1 });
});
