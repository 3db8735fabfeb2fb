import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedCheckpoints, isComplete } from '../../src/join/join-timelines.js';
import type { ProbePlanEntry } from '../../src/model/manifest.js';
import { checkpointInfo } from '../../src/model/checkpoint.js';
import { OVERLAY_WALK, joinAll, walk } from './event-builder.js';

/** The model decides whether an application read is required (it may never happen). */
const APP_READ = checkpointInfo('app_read').expected ? ['app_read'] : [];

function plan(...points: string[]): ProbePlanEntry[] {
  return points.map((point) => ({ point, mechanism: 'tracepoint', probe: `probe:${point}` }));
}

const FULL_PLAN = plan(
  'napi_gro_receive_entry',
  'netif_receive_skb',
  'netif_rx',
  'net_dev_start_xmit',
  '__udp4_lib_lookup',
  'vxlan_rcv',
  'udp_rcv',
  'tcp_v4_rcv',
  'sk_data_ready',
  'skb_copy_datagram_iovec',
  'consume_skb',
  'econ_rx',
);

/** What the reference perf recording attached (see /work/shared/reference/README.md). */
const PERF_PLAN = plan(
  'netif_receive_skb',
  'netif_rx',
  'net_dev_start_xmit',
  'sk_data_ready',
  'consume_skb',
);

test('overlay with every probe: the whole receive path', () => {
  assert.deepEqual(expectedCheckpoints('overlay', FULL_PLAN, null), [
    'nic_rx',
    'outer_rcv',
    'outer_lookup',
    'vxlan_decap',
    'inner_rcv',
    'veth_xmit',
    'backlog',
    'container_rcv',
    'transport_rcv',
    'sock_ready',
    ...APP_READ,
  ]);
  assert.deepEqual(
    expectedCheckpoints('overlay', FULL_PLAN, 'miss'),
    expectedCheckpoints('overlay', FULL_PLAN, null),
  );
});

test('only what the plan attached is expected', () => {
  assert.deepEqual(expectedCheckpoints('overlay', PERF_PLAN, null), [
    'outer_rcv',
    'inner_rcv',
    'veth_xmit',
    'backlog',
    'container_rcv',
    'sock_ready',
  ]);
  // transport_rcv needs both protocols' probes.
  assert.ok(!expectedCheckpoints('overlay', plan('udp_rcv'), null).includes('transport_rcv'));
  assert.deepEqual(expectedCheckpoints('overlay', plan('udp_rcv', 'tcp_v4_rcv'), null), [
    'outer_lookup',
    'transport_rcv',
  ]);
});

test('an ECON hit skips stages 3 to 9', () => {
  assert.deepEqual(expectedCheckpoints('overlay', FULL_PLAN, 'hit'), [
    'nic_rx',
    'outer_rcv',
    'sock_ready',
    ...APP_READ,
  ]);
});

test('host path: NIC, outer receive, transport, socket, read', () => {
  assert.deepEqual(expectedCheckpoints('host', FULL_PLAN, null), [
    'nic_rx',
    'outer_rcv',
    'transport_rcv',
    'sock_ready',
    ...APP_READ,
  ]);
  assert.deepEqual(expectedCheckpoints('host', PERF_PLAN, null), ['outer_rcv', 'sock_ready']);
});

test('a timeline is complete when it shows every expected checkpoint', () => {
  const expected = expectedCheckpoints('overlay', FULL_PLAN, null);
  const full = joinAll(walk('a1', 0, OVERLAY_WALK)).timelines[0]!;
  assert.equal(isComplete(full, expected), true);
  const partial = joinAll(
    walk(
      'a1',
      0,
      OVERLAY_WALK.filter((c) => c !== 'backlog'),
    ),
  ).timelines[0]!;
  assert.equal(isComplete(partial, expected), false);
  assert.equal(
    isComplete(partial, expectedCheckpoints('overlay', plan('netif_receive_skb'), null)),
    true,
  );
});
