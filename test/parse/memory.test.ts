/**
 * Streaming keeps memory flat: 2M CSV lines generated on the fly (never on disk, never whole in
 * memory) go through the parser while the heap is sampled after forced collections. Throughput
 * is reported, not asserted: this machine's speed varies with whatever else runs on it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createIngestCounters } from '../../src/model/ingest.js';
import { BPFTRACE_CSV_HEADER, parseBpftraceCsv } from '../../src/parse/bpftrace-csv.js';

const LINES = 2_000_000;
const LINES_PER_CHUNK = 5000;
const MAX_GROWTH_BYTES = 50 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** skb addresses to cycle through, made once so generating stays cheap next to parsing. */
const SKBS = Array.from({ length: 4096 }, (_, i) => (0xffff88810a280000 + i * 256).toString(16));

async function* generateCsv(): AsyncGenerator<Buffer> {
  yield Buffer.from(`${BPFTRACE_CSV_HEADER}\n`);
  const parts: string[] = [];
  let ts = 167_388_118_514;
  for (let i = 0; i < LINES; i++) {
    ts += 997;
    const skb = SKBS[i & 4095] ?? '';
    parts.push(
      `${ts},${i & 1},netif_receive_skb,vxlan0,${skb},70,2864434397,10.233.1.2,10.233.2.2,40000,5201,17,1,\n`,
    );
    if (parts.length === LINES_PER_CHUNK) {
      yield Buffer.from(parts.join(''));
      parts.length = 0;
    }
  }
  if (parts.length > 0) yield Buffer.from(parts.join(''));
}

test('bpftrace-csv: 2M generated lines stream with bounded heap', async (t) => {
  collect();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let events = 0;
  let batches = 0;
  const counters = createIngestCounters();
  const started = performance.now();
  for await (const batch of parseBpftraceCsv(generateCsv(), {
    file: 'generated.csv',
    origin: { originSec: null },
    counters,
  })) {
    events += batch.length;
    if (++batches % 100 === 0) {
      collect();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  collect();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  assert.equal(events, LINES);
  assert.deepEqual(counters.issues, []);
  const growthMb = (peak - baseline) / 1024 / 1024;
  t.diagnostic(
    `${LINES} lines (generation included) in ${seconds.toFixed(2)} s: ${(LINES / seconds / 1e6).toFixed(2)}M lines/s; heap growth ${growthMb.toFixed(1)} MB`,
  );
  assert.ok(peak - baseline < MAX_GROWTH_BYTES, `heap grew by ${growthMb.toFixed(1)} MB`);
});
