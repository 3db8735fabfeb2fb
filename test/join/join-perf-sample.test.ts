/**
 * The real perf recording of the two-host lab (/work/shared/reference/README.md: `perf script
 * --ns` of net/sock/skb tracepoints during iperf3), parsed by the perf-script parser and joined
 * with the lab's devices. One skb walks sender eth0 -> veth-c -> vxlan0 -> ulA, then ulB ->
 * vxlan0 -> veth-c -> eth0 on the receive side; most are never seen freed (only two consume_skb
 * in the sample), so most timelines end when their address is reused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { expectedCheckpoints } from '../../src/join/join-timelines.js';
import type { TraceEvent } from '../../src/model/event.js';
import { createIngestCounters } from '../../src/model/ingest.js';
import type { ProbePlanEntry } from '../../src/model/manifest.js';
import { parsePerfScriptTracepoints } from '../../src/parse/perf-script-tracepoints.js';
import { assertGolden } from '../support/assert-golden.js';
import { dumpTimelines } from './dump-timelines.js';
import { joinAll } from './event-builder.js';

const SAMPLE = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../shared/reference/perf/tracepoints-nostack-ns.txt.gz',
);

const PLAN: ProbePlanEntry[] = [
  'netif_receive_skb',
  'netif_rx',
  'net_dev_start_xmit',
  'sk_data_ready',
  'consume_skb',
].map((point) => ({ point, mechanism: 'perf-tracepoint', probe: `perf:${point}` }));

async function readSample(): Promise<TraceEvent[]> {
  const ctx = {
    file: 'events/perf.txt',
    origin: { originSec: null },
    counters: createIngestCounters(),
  };
  const events: TraceEvent[] = [];
  const input = createReadStream(SAMPLE).pipe(createGunzip());
  for await (const batch of parsePerfScriptTracepoints(input, ctx)) events.push(...batch);
  assert.deepEqual(ctx.counters.issues, [], 'the sample parses cleanly');
  return events;
}

test('the reference perf sample joins into the golden timelines', async () => {
  const events = await readSample();
  assert.equal(events.length, 3000);
  const { timelines, counters } = joinAll(events);
  assertGolden(
    'join/perf-sample.txt',
    dumpTimelines(timelines, counters, expectedCheckpoints('overlay', PLAN, null)),
  );
});

test('the same events drained per CPU in turns join to the same timelines', async () => {
  const events = await readSample();
  const inOrder = joinAll(events);
  // Reverse each block of 40 events: every block arrives newest first, as if a second CPU's
  // buffer had been drained late; all stays within the 50 ms window.
  const shuffled: TraceEvent[] = [];
  for (let i = 0; i < events.length; i += 40) shuffled.push(...events.slice(i, i + 40).reverse());
  const reordered = joinAll(shuffled);
  assert.deepEqual(reordered.timelines, inOrder.timelines);
  const outOfOrder = reordered.counters.issues.find((i) => i.reason === 'out-of-order');
  assert.ok(
    outOfOrder !== undefined && outOfOrder.count > 2000,
    'reordering was needed and counted',
  );
});
