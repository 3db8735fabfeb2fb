/**
 * One vanilla packet timeline -> the hops and ECON events the same packet would produce on an
 * ECON kernel, following ECON.md: at netif_receive_skb on the underlay ECON looks the flow up in
 * a per-CPU map; a hit jumps straight to transport receive with the cached socket (stages 3-9
 * skipped), a miss walks the normal path and inserts the flow when the packet reaches its socket.
 */
import { checkpointOrder, type CheckpointId } from '../model/checkpoint.js';
import type { PacketTimeline, TimelineHop } from '../model/timeline.js';
import type { EconModel } from './econ-model.js';

/** Per-CPU flow cache: which flows (by key) each CPU has seen reach their socket. */
export type FlowCache = Set<string>;

export interface SynthEconEvent {
  point: 'econ_rx' | 'econ_rx_deliver' | 'econ_rx_insert';
  tsNs: number;
  cpu: number;
  ret: number | null;
}

export interface DerivedPacket {
  hops: TimelineHop[];
  econ: SynthEconEvent[];
}

/** Stages 3 to 9 of ECON.md: what a fast-path hit never walks. */
const SKIPPED = new Set<CheckpointId>([
  'outer_lookup',
  'vxlan_decap',
  'decap_queue',
  'inner_rcv',
  'veth_xmit',
  'backlog',
  'container_rcv',
]);

export function derivePacket(t: PacketTimeline, cache: FlowCache, model: EconModel): DerivedPacket {
  const outer = t.hops.find((h) => h.checkpoint === 'outer_rcv');
  const container = t.hops.find((h) => h.checkpoint === 'container_rcv');
  // Only packets seen from the underlay to the container are modelled; others pass unchanged.
  if (!outer || !container || t.flow === null) return { hops: t.hops, econ: [] };
  const key = `${outer.cpu}|${t.flow.saddr}|${t.flow.daddr}|${t.flow.sport}|${t.flow.dport}|${t.flow.proto}`;
  if (!cache.has(key)) return deriveMiss(t, outer, key, cache, model);
  return deriveHit(t, outer, container, model);
}

function deriveMiss(
  t: PacketTimeline,
  outer: TimelineHop,
  key: string,
  cache: FlowCache,
  model: EconModel,
): DerivedPacket {
  cache.add(key);
  const next = t.hops.find((h) => h.tsNs > outer.tsNs);
  // The decision must land between the underlay receive and whatever the packet does next.
  const decisionTs = next
    ? outer.tsNs + Math.min(model.lookupNs, Math.floor((next.tsNs - outer.tsNs) / 2))
    : outer.tsNs + model.lookupNs;
  const reached =
    t.hops.find((h) => h.checkpoint === 'sock_ready') ??
    t.hops.find((h) => h.checkpoint === 'container_rcv');
  const econ: SynthEconEvent[] = [{ point: 'econ_rx', tsNs: decisionTs, cpu: outer.cpu, ret: 2 }];
  if (reached)
    econ.push({ point: 'econ_rx_insert', tsNs: reached.tsNs, cpu: reached.cpu, ret: null });
  return { hops: t.hops, econ };
}

function deriveHit(
  t: PacketTimeline,
  outer: TimelineHop,
  container: TimelineHop,
  model: EconModel,
): DerivedPacket {
  const decisionTs = outer.tsNs + model.lookupNs;
  // Everything after the container's receive moves earlier by the time the skipped stages took,
  // minus what the fast path itself costs.
  const shiftNs = container.tsNs - outer.tsNs - model.lookupNs - model.fastPathOverheadNs;
  const hops: TimelineHop[] = [];
  for (const h of t.hops) {
    if (SKIPPED.has(h.checkpoint)) continue;
    const after = checkpointOrder(h.checkpoint) > checkpointOrder('container_rcv');
    if (!after) {
      hops.push(h);
      continue;
    }
    // Transport receive and the wakeup run in the softirq that took the fast path.
    const softirq = h.checkpoint === 'transport_rcv' || h.checkpoint === 'sock_ready';
    hops.push({ ...h, tsNs: h.tsNs - Math.max(0, shiftNs), cpu: softirq ? outer.cpu : h.cpu });
  }
  return {
    hops,
    econ: [
      { point: 'econ_rx', tsNs: decisionTs, cpu: outer.cpu, ret: 0 },
      { point: 'econ_rx_deliver', tsNs: decisionTs + 1, cpu: outer.cpu, ret: 1 },
    ],
  };
}
