/**
 * Joins by CPU and time for events the skb address cannot place (the rules are explained in
 * join-timelines.ts): which open timeline an sk_data_ready belongs to, and which timeline a
 * clone's first event continues. Both take the most recent candidate on the event's CPU whose
 * latest hop is at most ATTRIBUTION_WINDOW_NS earlier.
 */
import type { TraceEvent } from '../model/event.js';
import { ORDER, checkpointBit } from './checkpoint-order.js';
import { resolveUdpOrder } from './classify-checkpoint.js';
import type { OpenTimeline } from './open-timeline.js';
import { RECENT_PER_CPU } from './recent-by-cpu.js';
import type { RecentByCpu } from './recent-by-cpu.js';

/** sk_data_ready and a clone follow their packet's previous hop within this much trace time. */
export const ATTRIBUTION_WINDOW_NS = 1_000_000;

/**
 * Header sizes a packet's skb->len changes by between two checkpoints: 14 (Ethernet: transmit
 * tracepoints count it, receive ones fire after it was pulled), 50 and 64 (VXLAN over IPv4, with
 * and without the inner Ethernet header).
 */
const LEN_STEPS: readonly number[] = [0, 14, 50, 64];

const SOCK_READY_BIT = checkpointBit(ORDER.sock_ready);

/**
 * The open timeline an sk_data_ready on ev.cpu wakes a socket for: its latest hop is the
 * transport receive (or, where that is not traced, the last traced hop before it: container_rcv
 * on the overlay, outer_rcv on the host path, econ_rx after an ECON hit) and it has no
 * sock_ready yet. Undefined when none qualifies.
 */
export function findSockReadyOwner(
  recent: RecentByCpu,
  ev: TraceEvent,
  overlay: boolean,
): OpenTimeline | undefined {
  const beforeTransport = overlay ? ORDER.container_rcv : ORDER.outer_rcv;
  for (let i = 0; i < RECENT_PER_CPU; i++) {
    const t = recent.at(ev.cpu, i);
    if (t === undefined) return undefined;
    if (!isRecentOnCpu(t, ev)) continue;
    if ((t.seen & SOCK_READY_BIT) !== 0) continue;
    const last = t.lastOrder;
    if (
      last === ORDER.transport_rcv ||
      last === beforeTransport ||
      (last === ORDER.econ_rx && t.econ === 'hit')
    ) {
      return t;
    }
  }
  return undefined;
}

/**
 * The timeline a new address continues (a clone made mid-path): on the receive side, its latest
 * hop comes before path position `order`, that checkpoint is not present yet, and skb->len and
 * skb->hash agree where both sides know them. Returns the timeline and the position as resolved
 * for it (UDP points depend on the packet's progress), or undefined.
 */
export function findCloneParent(
  recent: RecentByCpu,
  ev: TraceEvent,
  order: number,
): { parent: OpenTimeline; order: number } | undefined {
  for (let i = 0; i < RECENT_PER_CPU; i++) {
    const t = recent.at(ev.cpu, i);
    if (t === undefined) return undefined;
    if (!isRecentOnCpu(t, ev) || t.maxOrder < ORDER.nic_rx) continue;
    const resolved = resolveUdpOrder(order, t.maxOrder, t.econ === 'hit');
    if (t.lastOrder >= resolved || (t.seen & checkpointBit(resolved)) !== 0) continue;
    if (!lengthsAgree(t.lastLenBytes, ev.lenBytes)) continue;
    if (t.lastHash > 0 && ev.hash > 0 && t.lastHash !== ev.hash) continue;
    return { parent: t, order: resolved };
  }
  return undefined;
}

function isRecentOnCpu(t: OpenTimeline, ev: TraceEvent): boolean {
  if (t.ended || t.lastCpu !== ev.cpu) return false;
  const gap = ev.tsNs - t.lastHopNs;
  return gap >= 0 && gap <= ATTRIBUTION_WINDOW_NS;
}

function lengthsAgree(a: number, b: number): boolean {
  if (a < 0 || b < 0) return true;
  return LEN_STEPS.includes(Math.abs(a - b));
}
