import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCheckpointClassifier, resolveUdpOrder } from '../../src/join/classify-checkpoint.js';
import { ORDER } from '../../src/join/checkpoint-order.js';
import { createIngestCounters } from '../../src/model/ingest.js';
import type { ProbePoint } from '../../src/model/event.js';
import { LAB_DEVICES, e, issueCounts } from './event-builder.js';

test('point and device role decide the checkpoint (the lab walk, both sides)', () => {
  const classify = createCheckpointClassifier(LAB_DEVICES, 'overlay');
  const cases: [ProbePoint, string, string | null][] = [
    ['net_dev_start_xmit', 'eth0', 'tx_container'],
    ['netif_rx', 'veth-c', null],
    ['netif_receive_skb', 'veth-c', 'tx_host_veth'],
    ['net_dev_start_xmit', 'vxlan0', 'tx_vxlan'],
    ['econ_xmit', '', 'econ_xmit'],
    ['net_dev_start_xmit', 'ulA', 'tx_underlay'],
    ['napi_gro_receive_entry', 'ulB', 'nic_rx'],
    ['netif_rx', 'ulB', 'nic_rx'],
    ['netif_receive_skb', 'ulB', 'outer_rcv'],
    ['econ_rx', '', 'econ_rx'],
    ['__udp4_lib_lookup', '', 'outer_lookup'],
    ['udp_rcv', '', 'outer_lookup'],
    ['vxlan_rcv', '', 'vxlan_decap'],
    ['netif_rx', 'vxlan0', 'decap_queue'],
    ['netif_receive_skb', 'vxlan0', 'inner_rcv'],
    ['net_dev_start_xmit', 'veth-c', 'veth_xmit'],
    ['netif_rx', 'eth0', 'backlog'],
    ['netif_receive_skb', 'eth0', 'container_rcv'],
    ['tcp_v4_rcv', '', 'transport_rcv'],
    ['sk_data_ready', '', 'sock_ready'],
    ['skb_copy_datagram_iovec', '', 'app_read'],
    ['consume_skb', '', 'freed'],
    ['kfree_skb', '', 'freed'],
    ['netif_receive_skb', 'br0', null],
    ['napi_gro_receive_entry', 'vxlan0', null],
    ['napi_gro_receive_entry', 'eth0', null],
    ['econ_rx_remove', '', null],
    ['econ_rx_remove_all', '', null],
    ['econ_rx_insert', '', null],
    ['econ_tx_insert', '', null],
  ];
  for (const [point, dev, want] of cases) {
    assert.equal(classify(e(0, point, dev, 'a1')), want, `${point}@${dev}`);
  }
});

test('host path: UDP points are always the transport receive', () => {
  const classify = createCheckpointClassifier(LAB_DEVICES, 'host');
  assert.equal(classify(e(0, 'udp_rcv', '', 'a1')), 'transport_rcv');
  assert.equal(classify(e(0, '__udp4_lib_lookup', '', 'a1')), 'transport_rcv');
  assert.equal(classify(e(0, 'netif_receive_skb', 'ulB', 'a1')), 'outer_rcv');
});

test('overlay UDP points become transport_rcv once the packet is past decap or an ECON hit', () => {
  const lookup = ORDER.outer_lookup;
  assert.equal(resolveUdpOrder(lookup, ORDER.outer_rcv, false), lookup);
  assert.equal(resolveUdpOrder(lookup, ORDER.vxlan_decap, false), ORDER.transport_rcv);
  assert.equal(resolveUdpOrder(lookup, ORDER.container_rcv, false), ORDER.transport_rcv);
  assert.equal(resolveUdpOrder(lookup, ORDER.econ_rx, true), ORDER.transport_rcv);
  assert.equal(resolveUdpOrder(ORDER.inner_rcv, ORDER.outer_rcv, false), ORDER.inner_rcv);
});

test('a device missing from the manifest is counted and gives no checkpoint', () => {
  const counters = createIngestCounters();
  const classify = createCheckpointClassifier(LAB_DEVICES, 'overlay', counters);
  assert.equal(classify(e(0, 'netif_receive_skb', 'lo', 'a1')), null);
  assert.equal(classify(e(0, 'net_dev_start_xmit', '', 'a1')), null);
  // Device-less points never look at the device.
  assert.equal(classify(e(0, 'consume_skb', 'lo', 'a1')), 'freed');
  assert.deepEqual(issueCounts(counters), { 'unclassified-device': 2 });
});
