/**
 * Hand-built events for the joiner's tests: `e(12, 'netif_receive_skb', 'ulB', 'a1')` is one
 * event at 12 µs, and `walk()` lays out a packet's receive path in the two-host lab's devices.
 */
import type { CheckpointId } from '../../src/model/checkpoint.js';
import { EMPTY_EVENT } from '../../src/model/event.js';
import type { ProbePoint, TraceEvent } from '../../src/model/event.js';
import { createIngestCounters } from '../../src/model/ingest.js';
import type { IngestCounters } from '../../src/model/ingest.js';
import type { DeviceAssignment, PathKind } from '../../src/model/manifest.js';
import type { PacketTimeline } from '../../src/model/timeline.js';
import { createTimelineJoiner } from '../../src/join/join-timelines.js';
import type { TimelineJoinerOptions } from '../../src/join/join-timelines.js';

/** The lab of PLATFORM.md: two underlay veths, vxlan0 on br0, container eth0 behind veth-c. */
export const LAB_DEVICES: DeviceAssignment[] = [
  { name: 'ulA', role: 'underlay' },
  { name: 'ulB', role: 'underlay' },
  { name: 'vxlan0', role: 'vxlan' },
  { name: 'br0', role: 'bridge' },
  { name: 'veth-c', role: 'host-veth' },
  { name: 'eth0', role: 'container' },
];

/** One event at `us` microseconds on CPU 0 unless `more` says otherwise. */
export function e(
  us: number,
  point: ProbePoint,
  dev: string,
  skb: string,
  more: Partial<TraceEvent> = {},
): TraceEvent {
  return { ...EMPTY_EVENT, tsNs: Math.round(us * 1000), cpu: 0, point, dev, skb, ...more };
}

/** How each checkpoint shows up in a trace of the lab (receive side and sender side). */
const STEP: Record<CheckpointId, readonly [ProbePoint, string]> = {
  tx_container: ['net_dev_start_xmit', 'eth0'],
  tx_host_veth: ['netif_receive_skb', 'veth-c'],
  tx_vxlan: ['net_dev_start_xmit', 'vxlan0'],
  econ_xmit: ['econ_xmit', ''],
  tx_underlay: ['net_dev_start_xmit', 'ulA'],
  nic_rx: ['napi_gro_receive_entry', 'ulB'],
  outer_rcv: ['netif_receive_skb', 'ulB'],
  econ_rx: ['econ_rx', ''],
  outer_lookup: ['__udp4_lib_lookup', ''],
  vxlan_decap: ['vxlan_rcv', ''],
  decap_queue: ['netif_rx', 'vxlan0'],
  inner_rcv: ['netif_receive_skb', 'vxlan0'],
  veth_xmit: ['net_dev_start_xmit', 'veth-c'],
  backlog: ['netif_rx', 'eth0'],
  container_rcv: ['netif_receive_skb', 'eth0'],
  transport_rcv: ['udp_rcv', ''],
  sock_ready: ['sk_data_ready', ''],
  app_read: ['skb_copy_datagram_iovec', ''],
  freed: ['consume_skb', ''],
};

export const OVERLAY_WALK: CheckpointId[] = [
  'nic_rx',
  'outer_rcv',
  'outer_lookup',
  'vxlan_decap',
  'decap_queue',
  'inner_rcv',
  'veth_xmit',
  'backlog',
  'container_rcv',
  'transport_rcv',
  'sock_ready',
  'app_read',
  'freed',
];

export const HOST_WALK: CheckpointId[] = [
  'nic_rx',
  'outer_rcv',
  'transport_rcv',
  'sock_ready',
  'app_read',
  'freed',
];

/** Events of one packet through `checkpoints`, one every `stepUs` from `startUs`. */
export function walk(
  skb: string,
  startUs: number,
  checkpoints: readonly CheckpointId[],
  opts: { cpu?: number; stepUs?: number; more?: Partial<TraceEvent> } = {},
): TraceEvent[] {
  const stepUs = opts.stepUs ?? 1;
  return checkpoints.map((c, i) => {
    const [point, dev] = STEP[c];
    // sk_data_ready has no skb: the joiner must attribute it.
    const addr = point === 'sk_data_ready' ? '' : skb;
    return e(startUs + i * stepUs, point, dev, addr, { cpu: opts.cpu ?? 0, ...opts.more });
  });
}

export interface JoinResult {
  timelines: PacketTimeline[];
  counters: IngestCounters;
}

/** Runs events through a joiner for the lab and collects everything it delivers. */
export function joinAll(
  events: readonly TraceEvent[],
  opts: Partial<Omit<TimelineJoinerOptions, 'onTimeline' | 'counters'>> & { path?: PathKind } = {},
): JoinResult {
  const counters = createIngestCounters();
  const timelines: PacketTimeline[] = [];
  const joiner = createTimelineJoiner({
    devices: LAB_DEVICES,
    path: 'overlay',
    ...opts,
    counters,
    onTimeline: (t) => timelines.push(t),
  });
  for (const ev of events) joiner.push(ev);
  joiner.finish();
  return { timelines, counters };
}

/** Checkpoints of a timeline in hop order, space-separated. */
export function route(t: PacketTimeline | undefined): string {
  return t === undefined ? '(none)' : t.hops.map((h) => h.checkpoint).join(' ');
}

/** Issue counts by reason, e.g. { 'orphan-mid-path': 1 }. */
export function issueCounts(counters: IngestCounters): Record<string, number> {
  return Object.fromEntries(counters.issues.map((i) => [i.reason, i.count]));
}
