import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPerfetto } from '../../src/export/export-perfetto.js';
import { formatMicros } from '../../src/export/format-micros.js';
import { formatPacketEvents } from '../../src/export/perfetto-events.js';
import type { PacketTimeline } from '../../src/model/timeline.js';

interface TraceEvent {
  ph: string;
  pid: number;
  tid?: number;
  name: string;
  ts?: number;
  dur?: number;
  id?: number;
  bp?: string;
  args?: Record<string, unknown>;
}

/** Integer ns from a µs value parsed from JSON (at most 3 decimals). */
const ns = (us: number): number => Math.round(us * 1000);

/** The Chrome trace rules the export promises; returns the events. */
function checkTrace(text: string): TraceEvent[] {
  const doc = JSON.parse(text) as { traceEvents: TraceEvent[]; displayTimeUnit: string };
  assert.ok(Array.isArray(doc.traceEvents));
  const events = doc.traceEvents;
  const slices = new Map<number, TraceEvent[]>();
  const flowStarts = new Map<number, TraceEvent>();
  const flowEnds = new Map<number, TraceEvent>();
  for (const e of events) {
    assert.ok(['M', 'X', 'i', 's', 'f'].includes(e.ph), e.ph);
    assert.equal(e.pid, 1);
    if (e.ph === 'M') continue;
    assert.equal(typeof e.ts, 'number');
    assert.ok(
      Number.isInteger(ns(e.ts ?? NaN)) && Math.abs(ns(e.ts ?? 0) / 1000 - (e.ts ?? 0)) < 1e-6,
    );
    if (e.ph === 'X') {
      assert.ok((e.dur ?? -1) >= 0, 'dur is a non-negative µs value');
      const list = slices.get(e.tid ?? -1) ?? [];
      list.push(e);
      slices.set(e.tid ?? -1, list);
    }
    if (e.ph === 's') {
      assert.ok(!flowStarts.has(e.id ?? -1), 'flow ids are unique');
      flowStarts.set(e.id ?? -1, e);
    }
    if (e.ph === 'f') {
      assert.equal(e.bp, 'e');
      flowEnds.set(e.id ?? -1, e);
    }
  }
  for (const [tid, list] of slices) {
    list.sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1] as TraceEvent;
      const cur = list[i] as TraceEvent;
      assert.ok(ns(prev.ts ?? 0) + ns(prev.dur ?? 0) <= ns(cur.ts ?? 0), `overlap on track ${tid}`);
    }
  }
  assert.equal(flowEnds.size, flowStarts.size);
  for (const [id, s] of flowStarts) {
    const f = flowEnds.get(id);
    assert.ok(f !== undefined, `flow ${id} has no finish`);
    assert.equal(f.tid, s.tid);
    assert.ok((f.ts ?? 0) >= (s.ts ?? 0));
  }
  return events;
}

test('µs are printed exactly from integer ns', () => {
  assert.deepEqual([0, 1, 999, 1000, 1001, 1234567, 30, -1500].map(formatMicros), [
    '0',
    '0.001',
    '0.999',
    '1',
    '1.001',
    '1234.567',
    '0.03',
    '-1.5',
  ]);
});

test('one packet: a slice per stage, a flow where the CPU changes, names and args', () => {
  const t: PacketTimeline = {
    skb: 'ffff888100b84800',
    hops: [
      { checkpoint: 'outer_rcv', tsNs: 1000, cpu: 0, dev: 'ulB' },
      { checkpoint: 'inner_rcv', tsNs: 1500, cpu: 0, dev: 'vxlan0' },
      { checkpoint: 'sock_ready', tsNs: 4250, cpu: 1, dev: '' },
    ],
    flow: null,
    hash: -1,
    lenBytes: 92,
    segs: 1,
    econ: null,
    clones: 0,
    end: 'freed',
  };
  const text = `{"traceEvents":[{"ph":"M","pid":1,"name":"process_name","args":{"name":"packets"}}${formatPacketEvents(t, 7, { next: 1 })}]}`;
  const events = checkTrace(text);
  const slices = events.filter((e) => e.ph === 'X');
  assert.deepEqual(
    slices.map((e) => [e.name, e.ts, e.dur]),
    [
      ['outer_rcv>inner_rcv', 1, 0.5],
      ['inner_rcv>sock_ready', 1.5, 2.75],
    ],
  );
  assert.deepEqual(slices[0]?.args, {
    from: { checkpoint: 'outer_rcv', cpu: 0, dev: 'ulB' },
    to: { checkpoint: 'inner_rcv', cpu: 0, dev: 'vxlan0' },
  });
  assert.deepEqual(
    events.filter((e) => e.ph === 's' || e.ph === 'f').map((e) => [e.ph, e.id, e.ts, e.tid]),
    [
      ['s', 1, 1.5, 7],
      ['f', 1, 4.25, 7],
    ],
  );
  assert.ok(events.some((e) => e.ph === 'M' && e.name === 'thread_name' && e.tid === 7));
});

test('a whole run: valid JSON, every rule holds, one track per packet', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'econ-perfetto-'));
  try {
    const out = join(dir, 'trace.json');
    const r = await exportPerfetto('fixtures/runs/overlay-vanilla', out);
    const events = checkTrace(await readFile(out, 'utf8'));
    const threads = events.filter((e) => e.ph === 'M' && e.name === 'thread_name');
    assert.equal(threads.length, r.packets);
    assert.ok(r.packets > 3000);
    assert.equal(events.filter((e) => e.ph === 's').length, r.flows);
    assert.ok(events.filter((e) => e.ph === 'X').length > r.packets);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
