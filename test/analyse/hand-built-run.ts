/**
 * One small hand-built run, used by the summariser test, its golden file and the compare tests.
 * Four packets (see the comments) plus raw ECON events covering every counter.
 */
import type { IngestCounters } from '../../src/model/ingest.js';
import type { RunManifest } from '../../src/model/manifest.js';
import type { PacketTimeline } from '../../src/model/timeline.js';
import type { TraceEvent } from '../../src/model/event.js';
import { buildEvent, buildFlow, buildManifest, buildTimeline } from './build-run.js';

export const HAND_BUILT_MANIFEST: RunManifest = buildManifest();

export const HAND_BUILT_TIMELINES: PacketTimeline[] = [
  // Full path with an application read, an ECON miss, one CPU change, a clone, GRO of 2.
  buildTimeline(
    [
      ['outer_rcv', 1000, 0],
      ['inner_rcv', 3000, 0],
      ['container_rcv', 7000, 1],
      ['sock_ready', 8000, 1],
      ['app_read', 10_000, 1],
    ],
    { flow: buildFlow(40000), econ: 'miss', segs: 2, clones: 1 },
  ),
  // ECON hit: straight from outer receive to the socket.
  buildTimeline(
    [
      ['outer_rcv', 20_000, 0],
      ['sock_ready', 20_500, 0],
    ],
    { flow: buildFlow(40000), econ: 'hit' },
  ),
  // Timed out after decap: incomplete.
  buildTimeline(
    [
      ['outer_rcv', 30_000, 1],
      ['inner_rcv', 30_100, 1],
    ],
    { flow: buildFlow(40001), end: 'timeout' },
  ),
  // No flow, unknown CPU on the first hop, segs unknown, still open at the end of the trace.
  buildTimeline(
    [
      ['inner_rcv', 40_000, -1],
      ['container_rcv', 40_010, 0],
    ],
    { segs: 0, end: 'end-of-trace' },
  ),
];

export const HAND_BUILT_EVENTS: TraceEvent[] = [
  buildEvent('netif_receive_skb', 1_000),
  buildEvent('econ_rx', 5_000_000, 0),
  buildEvent('econ_rx', 15_000_000, 2),
  buildEvent('econ_rx', 15_000_001, 1),
  buildEvent('econ_rx', 15_000_002, 3),
  buildEvent('econ_rx', 15_000_003, 7),
  buildEvent('econ_rx', 15_000_004, null),
  buildEvent('econ_rx_lookup', 15_000_005),
  buildEvent('econ_rx_insert', 16_000_000),
  buildEvent('econ_rx_insert', 16_000_001),
  buildEvent('econ_rx_remove', 16_000_002),
  buildEvent('econ_rx_remove_all', 16_000_003),
  buildEvent('econ_rx_deliver', 16_000_004, 1),
  buildEvent('econ_rx_deliver', 16_000_005, 0),
  buildEvent('econ_xmit', 17_000_000, 0),
  buildEvent('econ_xmit', 17_000_001, 1),
  buildEvent('econ_xmit', 17_000_002, 2),
  buildEvent('econ_xmit', 17_000_003, 3),
  buildEvent('econ_xmit', 17_000_004, 9),
  buildEvent('econ_tx_insert', 17_000_005, 0),
  buildEvent('econ_tx_insert', 17_000_006, 1),
  buildEvent('econ_tx_insert', 17_000_007, 2),
  buildEvent('econ_tx_insert', 17_000_008, 7),
  buildEvent('econ_tx_insert', 17_000_009, 8),
  buildEvent('consume_skb', 2_000_001_000),
  // Out of file order: earlier than the first line, so the span is 2_000_001_000 - 500.
  buildEvent('netif_receive_skb', 500),
];

export const HAND_BUILT_INGEST: IngestCounters = {
  linesRead: 30,
  eventsAccepted: 26,
  lostEvents: 2,
  issues: [
    {
      reason: 'malformed-line',
      count: 1,
      examples: [{ file: 'events/packets.csv', line: 3, text: 'x' }],
    },
  ],
};
