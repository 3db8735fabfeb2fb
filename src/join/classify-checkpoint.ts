/**
 * Which checkpoint an event marks. A probe point alone does not say where a packet is
 * (netif_receive_skb fires on the underlay, on vxlan0 and on the container's eth0); the point
 * plus the role of its device does. Roles come from the run manifest's `devices`
 * (docs/run-folder.md); the checkpoints and their order from src/model/checkpoint.ts.
 *
 * One skb can walk both sides in one trace: in the two-host lab (docs, PLATFORM.md) sender and
 * receiver share a kernel, so an skb goes container eth0 xmit -> veth -> vxlan0 xmit -> underlay
 * xmit and straight on into the receive path under the same address.
 */
import type { CheckpointId } from '../model/checkpoint.js';
import type { ProbePoint, TraceEvent } from '../model/event.js';
import { countIssue } from '../model/ingest.js';
import type { IngestCounters } from '../model/ingest.js';
import type { DeviceAssignment, DeviceRole, PathKind } from '../model/manifest.js';
import { CHECKPOINT_AT, ORDER } from './checkpoint-order.js';

/** '-' = the point has no device; any device it reports is not looked at. */
type RoleColumn = DeviceRole | '-';

/**
 * (point, device role) -> checkpoint; null = seen but not a hop of its own. Points absent here
 * (econ_rx_lookup, econ_rx_insert, econ_rx_remove, ...) are not packet hops: the stats module
 * counts them from the raw event stream. A device point on a role absent here is not a hop
 * either: the bridge device, and napi_gro_receive_entry on vxlan0 (the gro_cells poll) or on a
 * container veth with GRO on, which are the dequeue side of an async hand-off whose next
 * netif_receive_skb marks the step.
 */
const CHECKPOINT_TABLE: readonly (readonly [ProbePoint, RoleColumn, CheckpointId | null])[] = [
  // sender side
  ['net_dev_start_xmit', 'container', 'tx_container'],
  // The veth peer's netif_rx and netif_receive_skb are one step (veth_xmit -> netif_rx ->
  // backlog poll); the receive marks it.
  ['netif_rx', 'host-veth', null],
  ['netif_receive_skb', 'host-veth', 'tx_host_veth'],
  ['net_dev_start_xmit', 'vxlan', 'tx_vxlan'],
  ['econ_xmit', '-', 'econ_xmit'],
  ['net_dev_start_xmit', 'underlay', 'tx_underlay'],
  // receive side
  ['napi_gro_receive_entry', 'underlay', 'nic_rx'],
  // A veth underlay (the lab) has no NAPI: its peer's netif_rx is the NIC receive.
  ['netif_rx', 'underlay', 'nic_rx'],
  ['netif_receive_skb', 'underlay', 'outer_rcv'],
  ['econ_rx', '-', 'econ_rx'],
  // Overlay: the outer VXLAN datagram goes through udp_rcv / __udp4_lib_lookup before decap and
  // the inner one after; the joiner turns these into transport_rcv once the packet is past decap
  // (resolveUdpOrder). Host path: always transport_rcv (HOST_PATH_OVERRIDES).
  ['__udp4_lib_lookup', '-', 'outer_lookup'],
  ['udp_rcv', '-', 'outer_lookup'],
  ['vxlan_rcv', '-', 'vxlan_decap'],
  ['netif_rx', 'vxlan', 'decap_queue'],
  ['netif_receive_skb', 'vxlan', 'inner_rcv'],
  ['net_dev_start_xmit', 'host-veth', 'veth_xmit'],
  ['netif_rx', 'container', 'backlog'],
  ['netif_receive_skb', 'container', 'container_rcv'],
  ['tcp_v4_rcv', '-', 'transport_rcv'],
  ['sk_data_ready', '-', 'sock_ready'],
  ['skb_copy_datagram_iovec', '-', 'app_read'],
  ['consume_skb', '-', 'freed'],
  ['kfree_skb', '-', 'freed'],
];

/** Without an overlay there is no outer datagram: every UDP receive is the transport. */
const HOST_PATH_OVERRIDES: readonly (readonly [ProbePoint, CheckpointId])[] = [
  ['__udp4_lib_lookup', 'transport_rcv'],
  ['udp_rcv', 'transport_rcv'],
];

/** Points whose checkpoint depends on the device they fired on. */
const DEVICE_POINTS: ReadonlySet<ProbePoint> = new Set([
  'napi_gro_receive_entry',
  'netif_receive_skb',
  'netif_rx',
  'net_dev_start_xmit',
]);

export type CheckpointClassifier = (ev: TraceEvent) => CheckpointId | null;

/** Path position (ORDER) an event marks; NOT_A_HOP when it marks none. */
export type OrderClassifier = (ev: TraceEvent) => number;

export const NOT_A_HOP = -1;

/**
 * Classifier for one run. Events of a device point on a device missing from `devices` return
 * null and, when `counters` is given, are counted as `unclassified-device`.
 */
export function createCheckpointClassifier(
  devices: DeviceAssignment[],
  path: PathKind,
  counters?: IngestCounters,
): CheckpointClassifier {
  const classify = createOrderClassifier(devices, path, counters);
  return (ev) => {
    const order = classify(ev);
    return order === NOT_A_HOP ? null : (CHECKPOINT_AT[order] ?? null);
  };
}

/**
 * The same classification as path positions, for the joiner's hot path: the table is expanded
 * per device name up front, so an event costs two Map lookups.
 */
export function createOrderClassifier(
  devices: DeviceAssignment[],
  path: PathKind,
  counters?: IngestCounters,
): OrderClassifier {
  const roleOf = new Map<string, DeviceRole>();
  // A name given two roles is a manifest error caught by validation; the first one wins here.
  for (const d of devices) if (!roleOf.has(d.name)) roleOf.set(d.name, d.role);

  const deviceless = new Map<string, number>();
  const byDevice = new Map<string, Map<string, number>>();
  for (const point of DEVICE_POINTS) {
    const orders = new Map<string, number>();
    for (const [name, role] of roleOf) {
      const row = CHECKPOINT_TABLE.find(([p, r]) => p === point && r === role);
      orders.set(name, row?.[2] ? ORDER[row[2]] : NOT_A_HOP);
    }
    byDevice.set(point, orders);
  }
  for (const [point, role, checkpoint] of CHECKPOINT_TABLE) {
    if (role === '-') deviceless.set(point, checkpoint ? ORDER[checkpoint] : NOT_A_HOP);
  }
  if (path === 'host') {
    for (const [point, checkpoint] of HOST_PATH_OVERRIDES) deviceless.set(point, ORDER[checkpoint]);
  }

  return (ev) => {
    const orders = byDevice.get(ev.point);
    if (orders === undefined) return deviceless.get(ev.point) ?? NOT_A_HOP;
    const order = orders.get(ev.dev);
    if (order !== undefined) return order;
    if (counters) countIssue(counters, 'unclassified-device');
    return NOT_A_HOP;
  };
}

/**
 * The overlay's UDP points mark the outer lookup until the packet is past decap (or ECON
 * delivered it straight to the transport), the transport receive after. `reachedOrder` is the
 * furthest path position the packet has shown.
 */
export function resolveUdpOrder(order: number, reachedOrder: number, econHit: boolean): number {
  if (order !== ORDER.outer_lookup) return order;
  return reachedOrder >= ORDER.vxlan_decap || econHit ? ORDER.transport_rcv : order;
}
