import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTimelineJoiner, SWEEP_EVERY } from '../../src/join/join-timelines.js';
import { createIngestCounters } from '../../src/model/ingest.js';
import type { PacketTimeline } from '../../src/model/timeline.js';
import {
  HOST_WALK,
  LAB_DEVICES,
  OVERLAY_WALK,
  e,
  issueCounts,
  joinAll,
  route,
  walk,
} from './event-builder.js';

const OUTER = { saddr: '192.168.0.1', daddr: '192.168.0.2', sport: 41000, dport: 4789, proto: 17 };
const INNER = { saddr: '10.233.1.2', daddr: '10.233.2.2', sport: 40000, dport: 5201, proto: 17 };

test('overlay walk: one timeline, hops in order, flow from the inner headers', () => {
  const events = walk('a1', 10, OVERLAY_WALK);
  // Outer header and hash at the underlay, inner header later on; lengths shrink after decap.
  events[0] = { ...events[0]!, ...OUTER, lenBytes: 110, hash: 111, segs: 1 };
  events[1] = { ...events[1]!, ...OUTER, lenBytes: 110, hash: 111 };
  events[8] = { ...events[8]!, ...INNER, lenBytes: 60, hash: 222 };
  // The inner socket lookup after udp_rcv is the same transport step: a repeat.
  events.splice(10, 0, e(19.5, '__udp4_lib_lookup', '', 'a1'));
  const { timelines, counters } = joinAll(events);
  assert.equal(timelines.length, 1);
  const t = timelines[0]!;
  assert.equal(route(t), OVERLAY_WALK.join(' '));
  assert.deepEqual(
    t.hops.slice(0, 2).map((h) => [h.tsNs, h.cpu, h.dev]),
    [
      [10_000, 0, 'ulB'],
      [11_000, 0, 'ulB'],
    ],
  );
  assert.equal(t.end, 'freed');
  assert.equal(t.skb, 'a1');
  assert.deepEqual(t.flow, INNER);
  assert.equal(t.hash, 111);
  assert.equal(t.lenBytes, 110);
  assert.equal(t.segs, 1);
  assert.equal(t.clones, 0);
  assert.equal(t.econ, null);
  assert.deepEqual(counters.issues, []);
});

test('sender side flow comes from the inner header, not the underlay transmit', () => {
  const events = walk('s1', 0, ['tx_container', 'tx_host_veth', 'tx_vxlan', 'tx_underlay']);
  events[0] = { ...events[0]!, ...INNER };
  events[3] = { ...events[3]!, ...OUTER };
  const { timelines } = joinAll(events);
  assert.deepEqual(timelines[0]?.flow, INNER);
  assert.equal(timelines[0]?.end, 'end-of-trace');
});

test('host walk: UDP receive is the transport, sk_data_ready follows it', () => {
  const events = walk('h1', 5, HOST_WALK);
  events[1] = { ...events[1]!, ...INNER };
  const { timelines, counters } = joinAll(events, { path: 'host' });
  assert.equal(route(timelines[0]), HOST_WALK.join(' '));
  assert.deepEqual(timelines[0]?.flow, INNER);
  assert.deepEqual(counters.issues, []);
});

test('host path: sk_data_ready right after outer_rcv when no transport probe fired', () => {
  const events = walk('h2', 0, ['nic_rx', 'outer_rcv', 'sock_ready', 'freed']);
  const { timelines, counters } = joinAll(events, { path: 'host' });
  assert.equal(route(timelines[0]), 'nic_rx outer_rcv sock_ready freed');
  assert.deepEqual(counters.issues, []);
});

test('sk_data_ready goes to the latest packet at its socket on the same CPU', () => {
  const events = [
    ...walk('a1', 0, ['nic_rx', 'outer_rcv', 'inner_rcv', 'container_rcv'], { cpu: 0 }),
    ...walk('b1', 4, ['nic_rx', 'outer_rcv', 'inner_rcv', 'container_rcv'], { cpu: 1 }),
    // A newer packet on CPU 0 is still at the NIC: not a candidate.
    e(8, 'napi_gro_receive_entry', 'ulB', 'c1', { cpu: 0 }),
    e(9, 'sk_data_ready', '', '', { cpu: 1 }),
    e(10, 'sk_data_ready', '', '', { cpu: 0 }),
    e(11, 'sk_data_ready', '', '', { cpu: 0 }), // a1 already has one
    e(12, 'sk_data_ready', '', '', { cpu: 3 }), // nothing on CPU 3
  ];
  const { timelines, counters } = joinAll(events);
  const bySkb = new Map(timelines.map((t) => [t.skb, t]));
  assert.equal(route(bySkb.get('a1')), 'nic_rx outer_rcv inner_rcv container_rcv sock_ready');
  assert.equal(bySkb.get('a1')?.hops.at(-1)?.tsNs, 10_000);
  assert.equal(route(bySkb.get('b1')), 'nic_rx outer_rcv inner_rcv container_rcv sock_ready');
  assert.equal(bySkb.get('b1')?.hops.at(-1)?.tsNs, 9000);
  assert.equal(route(bySkb.get('c1')), 'nic_rx');
  assert.deepEqual(issueCounts(counters), { 'unattributed-sk-data-ready': 2 });
});

test('sk_data_ready more than 1 ms after the packet is not attributed', () => {
  const events = [
    ...walk('a1', 0, ['outer_rcv', 'container_rcv', 'transport_rcv']),
    e(1100, 'sk_data_ready', '', ''),
  ];
  const { timelines, counters } = joinAll(events);
  assert.equal(route(timelines[0]), 'outer_rcv container_rcv transport_rcv');
  assert.deepEqual(issueCounts(counters), { 'unattributed-sk-data-ready': 1 });
});

test('ECON hit: stages 3 to 9 skipped, udp_rcv is the transport, outcome recorded', () => {
  const events = walk('a1', 0, [
    'nic_rx',
    'outer_rcv',
    'econ_rx',
    'transport_rcv',
    'sock_ready',
    'app_read',
    'freed',
  ]);
  events[2] = { ...events[2]!, ret: 0 };
  // Socket removals carry no skb: not a hop, not an issue.
  events.push(e(20, 'econ_rx_remove', '', ''), e(21, 'econ_rx_remove_all', '', ''));
  const { timelines, counters } = joinAll(events);
  assert.equal(timelines.length, 1);
  assert.equal(
    route(timelines[0]),
    'nic_rx outer_rcv econ_rx transport_rcv sock_ready app_read freed',
  );
  assert.equal(timelines[0]?.econ, 'hit');
  assert.deepEqual(counters.issues, []);
});

test('ECON hit without a transport probe: sk_data_ready follows econ_rx', () => {
  const events = walk('a1', 0, ['nic_rx', 'outer_rcv', 'econ_rx', 'sock_ready', 'freed']);
  events[2] = { ...events[2]!, ret: 0 };
  const { timelines, counters } = joinAll(events);
  assert.equal(route(timelines[0]), 'nic_rx outer_rcv econ_rx sock_ready freed');
  assert.deepEqual(counters.issues, []);
});

test('ECON miss: the normal path, outer then inner UDP lookups', () => {
  const events = walk('a1', 0, ['nic_rx', 'outer_rcv', 'econ_rx', ...OVERLAY_WALK.slice(2)]);
  events[2] = { ...events[2]!, ret: 2 };
  const { timelines } = joinAll(events);
  assert.equal(timelines[0]?.econ, 'miss');
  assert.equal(
    route(timelines[0]),
    ['nic_rx', 'outer_rcv', 'econ_rx', ...OVERLAY_WALK.slice(2)].join(' '),
  );
  for (const [ret, outcome] of [
    [1, 'already'],
    [3, 'drop'],
    [9, null],
  ] as const) {
    const evs = walk('b1', 0, ['outer_rcv', 'econ_rx']);
    evs[1] = { ...evs[1]!, ret };
    assert.equal(joinAll(evs).timelines[0]?.econ, outcome);
  }
});

test('events across CPUs out of order within the window are put back in order', () => {
  // bpftrace prints CPU 0's buffer, then CPU 1's: a1's second half arrives after b1.
  const events = [
    ...walk('a1', 0, ['nic_rx', 'outer_rcv', 'vxlan_decap', 'decap_queue', 'inner_rcv'], {
      cpu: 0,
    }),
    ...walk('b1', 10, ['nic_rx', 'outer_rcv', 'vxlan_decap', 'decap_queue', 'inner_rcv'], {
      cpu: 0,
    }),
    ...walk('a1', 5, ['veth_xmit', 'backlog', 'container_rcv', 'sock_ready', 'freed'], { cpu: 1 }),
  ];
  const { timelines, counters } = joinAll(events);
  const a1 = timelines.find((t) => t.skb === 'a1');
  assert.equal(
    route(a1),
    'nic_rx outer_rcv vxlan_decap decap_queue inner_rcv veth_xmit backlog container_rcv sock_ready freed',
  );
  assert.equal(a1?.hops.at(-1)?.cpu, 1);
  assert.deepEqual(issueCounts(counters), { 'out-of-order': 5 });
});

test('an event later than the window is counted and still lands at its time', () => {
  const events = [
    e(10, 'net_dev_start_xmit', 'veth-c', 'a1', { cpu: 0 }),
    e(13, 'netif_receive_skb', 'eth0', 'a1', { cpu: 1 }),
    e(16, 'udp_rcv', '', 'a1', { cpu: 1 }),
    e(12, 'netif_rx', 'eth0', 'a1', { cpu: 0 }), // container_rcv already released
  ];
  const { timelines, counters } = joinAll(events, { reorderWindowNs: 1000 });
  assert.equal(route(timelines[0]), 'veth_xmit backlog container_rcv transport_rcv');
  assert.deepEqual(issueCounts(counters), { 'orphan-mid-path': 1, 'late-beyond-window': 1 });
});

test('clock skew: time order is kept when it disagrees with the path, and counted', () => {
  const events = [
    e(10, 'net_dev_start_xmit', 'veth-c', 'a1', { cpu: 0 }),
    e(11.5, 'netif_receive_skb', 'eth0', 'a1', { cpu: 1 }),
    e(12, 'netif_rx', 'eth0', 'a1', { cpu: 0 }),
  ];
  const { timelines, counters } = joinAll(events);
  assert.equal(route(timelines[0]), 'veth_xmit container_rcv backlog');
  assert.deepEqual(issueCounts(counters), { 'orphan-mid-path': 1, 'out-of-order': 1 });
});

test('events on a device missing from the manifest are counted and dropped', () => {
  const events = walk('a1', 0, OVERLAY_WALK);
  events.splice(2, 0, e(1.5, 'netif_receive_skb', 'docker0', 'a1'));
  const { timelines, counters } = joinAll(events);
  assert.equal(route(timelines[0]), OVERLAY_WALK.join(' '));
  assert.deepEqual(issueCounts(counters), { 'unclassified-device': 1 });
});

test('idle timelines end by timeout during the trace, not only at its end', () => {
  const counters = createIngestCounters();
  const delivered: PacketTimeline[] = [];
  const joiner = createTimelineJoiner({
    devices: LAB_DEVICES,
    path: 'overlay',
    counters,
    onTimeline: (t) => delivered.push(t),
  });
  joiner.push(e(0, 'napi_gro_receive_entry', 'ulB', 'stuck'));
  // Complete packets for 2 s of trace time, enough events for several sweeps.
  const packets = Math.ceil((SWEEP_EVERY * 3) / OVERLAY_WALK.length);
  for (let i = 0; i < packets; i++) {
    for (const ev of walk(`p${i % 50}`, 10 + (i * 2_000_000) / packets, OVERLAY_WALK))
      joiner.push(ev);
  }
  const stuck = delivered.find((t) => t.skb === 'stuck');
  assert.equal(stuck?.end, 'timeout', 'ended before finish()');
  assert.equal(route(stuck), 'nic_rx');
  joiner.finish();
  assert.equal(delivered.length, packets + 1);
  assert.deepEqual(issueCounts(counters), { 'timeline-timeout': 1 });
});
