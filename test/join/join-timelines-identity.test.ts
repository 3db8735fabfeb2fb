/** Who is who: address reuse, missed frees, clones, orphans and GRO recycling. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OVERLAY_WALK, e, issueCounts, joinAll, route, walk } from './event-builder.js';

const UNFREED = OVERLAY_WALK.filter((c) => c !== 'freed');

test('a freed address reused by the next packet starts a new timeline', () => {
  const events = [...walk('a1', 0, OVERLAY_WALK), ...walk('a1', 20, OVERLAY_WALK)];
  const { timelines, counters } = joinAll(events);
  assert.deepEqual(
    timelines.map((t) => [t.skb, t.end, t.hops[0]?.tsNs, t.hops.length]),
    [
      ['a1', 'freed', 0, OVERLAY_WALK.length],
      ['a1', 'freed', 20_000, OVERLAY_WALK.length],
    ],
  );
  assert.deepEqual(counters.issues, []);
});

test('reuse without a free (events lost): a new nic_rx or transmit ends the old packet', () => {
  const events = [
    ...walk('a1', 0, UNFREED),
    ...walk('a1', 20, ['nic_rx', 'outer_rcv']),
    // The skb was freed by a path without a tracepoint; the sender reuses it.
    ...walk('a1', 30, ['tx_container', 'tx_host_veth']),
    // Stray consume_skb of something never seen.
    e(40, 'consume_skb', '', 'zz'),
  ];
  const { timelines, counters } = joinAll(events);
  assert.deepEqual(
    timelines.map((t) => [t.end, route(t)]),
    [
      ['timeout', UNFREED.join(' ')],
      ['timeout', 'nic_rx outer_rcv'],
      ['end-of-trace', 'tx_container tx_host_veth'],
    ],
  );
  assert.deepEqual(issueCounts(counters), { 'reused-without-free': 2, 'free-without-timeline': 1 });
});

test('the lab: one skb from sender container to receiver container, then reused', () => {
  const sender = ['tx_container', 'tx_host_veth', 'tx_vxlan', 'tx_underlay'] as const;
  const receiver = [
    'nic_rx',
    'outer_rcv',
    'decap_queue',
    'inner_rcv',
    'veth_xmit',
    'backlog',
  ] as const;
  const events = [
    ...walk('a1', 0, [...sender, ...receiver, 'container_rcv']),
    ...walk('a1', 50, [...sender, ...receiver]),
  ];
  // The lab's underlay is a veth pair: its nic_rx is netif_rx, not NAPI.
  for (const ev of events) if (ev.point === 'napi_gro_receive_entry') ev.point = 'netif_rx';
  const { timelines } = joinAll(events);
  assert.equal(timelines.length, 2);
  assert.equal(route(timelines[0]), [...sender, ...receiver, 'container_rcv'].join(' '));
  assert.equal(timelines[0]?.end, 'timeout');
  assert.equal(route(timelines[1]), [...sender, ...receiver].join(' '));
});

test('repeats of a checkpoint are ignored, nearby ones are not a new packet', () => {
  const events = [
    ...walk('a1', 0, ['outer_rcv', 'inner_rcv', 'container_rcv', 'transport_rcv', 'app_read']),
    e(6, 'skb_copy_datagram_iovec', '', 'a1'), // TCP reads one skb in two recvmsg calls
    e(7, 'netif_receive_skb', 'eth0', 'a1'), // container_rcv again: 2 positions back
    e(8, 'consume_skb', '', 'a1'),
  ];
  const { timelines, counters } = joinAll(events);
  assert.equal(timelines.length, 1);
  assert.equal(
    route(timelines[0]),
    'outer_rcv inner_rcv container_rcv transport_rcv app_read freed',
  );
  assert.equal(timelines[0]?.hops[4]?.tsNs, 4000);
  assert.deepEqual(counters.issues, []);
});

test('a clone continuing mid-path on the same CPU is linked to its packet', () => {
  const events = [
    ...walk('a1', 0, ['nic_rx', 'outer_rcv', 'vxlan_decap', 'decap_queue', 'inner_rcv'], {
      more: { lenBytes: 60, hash: 7 },
    }),
    // The bridge floods a clone to veth-c; transmit lengths include the Ethernet header.
    ...walk(
      'c9',
      10,
      ['veth_xmit', 'backlog', 'container_rcv', 'transport_rcv', 'sock_ready', 'freed'],
      {
        more: { lenBytes: 74, hash: 7 },
      },
    ),
  ];
  events[0] = { ...events[0]!, lenBytes: 110 };
  events[1] = { ...events[1]!, lenBytes: 110 };
  const { timelines, counters } = joinAll(events);
  assert.equal(timelines.length, 1);
  const t = timelines[0]!;
  assert.equal(t.skb, 'c9');
  assert.equal(t.clones, 1);
  assert.equal(t.end, 'freed');
  assert.equal(
    route(t),
    'nic_rx outer_rcv vxlan_decap decap_queue inner_rcv veth_xmit backlog container_rcv transport_rcv sock_ready freed',
  );
  assert.deepEqual(counters.issues, []);
});

test('a mid-path first event that no packet can explain is an orphan, kept as partial', () => {
  const head = walk('a1', 0, ['nic_rx', 'outer_rcv', 'inner_rcv'], { more: { hash: 7 } });
  const cases = {
    'other CPU': e(4, 'net_dev_start_xmit', 'veth-c', 'c9', { cpu: 1 }),
    'hash differs': e(4, 'net_dev_start_xmit', 'veth-c', 'c9', { hash: 8 }),
    'over 1 ms later': e(1100, 'net_dev_start_xmit', 'veth-c', 'c9'),
    'not after the last hop': e(4, 'netif_receive_skb', 'vxlan0', 'c9'),
    'length does not fit': e(4, 'net_dev_start_xmit', 'veth-c', 'c9', { lenBytes: 999 }),
  };
  head[2] = { ...head[2]!, lenBytes: 60 };
  for (const [why, orphan] of Object.entries(cases)) {
    const { timelines, counters } = joinAll([...head, orphan]);
    assert.equal(timelines.length, 2, why);
    const partial = timelines.find((t) => t.skb === 'c9');
    assert.equal(partial?.clones, 0, why);
    assert.equal(partial?.hops.length, 1, why);
    assert.equal(route(timelines.find((t) => t.skb === 'a1')), 'nic_rx outer_rcv inner_rcv', why);
    assert.deepEqual(issueCounts(counters), { 'orphan-mid-path': 1 }, why);
  }
});

test('outer_rcv first is a birth, not an orphan, while no NIC probe has fired', () => {
  const events = [
    ...walk('a1', 0, ['outer_rcv', 'inner_rcv']),
    ...walk('b1', 5, ['nic_rx', 'outer_rcv']),
  ];
  events.push(e(9, 'netif_receive_skb', 'ulB', 'c1'));
  const { timelines, counters } = joinAll(events);
  assert.equal(timelines.length, 3);
  // After b1's nic_rx, a first outer_rcv means its nic_rx was lost (and b1 is not its parent:
  // b1 already has outer_rcv).
  assert.deepEqual(issueCounts(counters), { 'orphan-mid-path': 1 });
});

test('GRO: napi recycling the skb before outer_rcv counts segments', () => {
  const events = [
    e(0, 'napi_gro_receive_entry', 'ulB', 'g1'),
    e(1, 'napi_gro_receive_entry', 'ulB', 'g1'),
    e(2, 'napi_gro_receive_entry', 'ulB', 'g1'),
    ...walk('g1', 3, ['outer_rcv', 'inner_rcv', 'container_rcv', 'freed']),
    // segs reported by the tracepoint win when larger.
    e(10, 'napi_gro_receive_entry', 'ulB', 'g2', { segs: 5 }),
    e(11, 'napi_gro_receive_entry', 'ulB', 'g2'),
    e(12, 'netif_receive_skb', 'ulB', 'g2'),
    // After outer_rcv, a nic_rx is the next packet on a reused skb, not a segment.
    e(13, 'napi_gro_receive_entry', 'ulB', 'g2'),
  ];
  const { timelines, counters } = joinAll(events);
  assert.deepEqual(
    timelines.map((t) => [t.skb, t.segs, route(t)]),
    [
      ['g1', 3, 'nic_rx outer_rcv inner_rcv container_rcv freed'],
      ['g2', 5, 'nic_rx outer_rcv'],
      ['g2', 1, 'nic_rx'],
    ],
  );
  assert.deepEqual(issueCounts(counters), { 'reused-without-free': 1 });
});
