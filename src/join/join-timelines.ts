/**
 * The joiner: turns the event stream (any parser's TraceEvents, roughly in time order) into one
 * PacketTimeline per packet, delivered when the packet's life ends.
 *
 * How a packet is recognised, and what that cannot get right:
 *
 * Time. Events first pass a reorder window (reorder-buffer.ts) because bpftrace drains per-CPU
 * buffers in turns. After it, events come in time order and hops are appended in time order:
 * stages are intervals between consecutive hops in time. The path order (src/model/checkpoint.ts)
 * is used to decide identity. When a packet's hops disagree with the path order (timestamps of
 * different CPUs, or an event later than the window) time order is kept and `out-of-order` is
 * counted; such a stage is then named backwards and the stats see it as such. An
 * event later than the window and far behind its packet's progress is mistaken for a new packet
 * (see identity). Sorted input (perf script) can use reorderWindowNs 0.
 *
 * Identity is the skb address during one lifetime. A free (consume_skb, kfree_skb) ends the
 * timeline ('freed'); the address then belongs to an unrelated packet. Frees go missing: events
 * are lost, and many skbs are freed without a tracepoint (GRO-merged heads, TCP's receive queue),
 * so an event that is far behind where the packet already got starts a new life and ends the
 * old one (end 'timeout', counted `reused-without-free`): a sender checkpoint after the packet reached
 * the receive side, a nic_rx after outer_rcv, or any checkpoint REUSE_GAP or more positions
 * behind the furthest one. A reused address whose first events were lost and that lands near
 * where the old packet stopped cannot be told apart: it is taken for the old packet's repeat.
 *
 * One hop per checkpoint, the first wins: repeats (TCP reads one skb in several recvmsg calls)
 * are ignored. Except GRO: napi_gro_receive_entry again on the same address before outer_rcv
 * means napi recycled the skb for a segment merged elsewhere, and segs goes up by one. segs is
 * also at least the largest gso_segs an event reported. Recycled heads are attributed to the skb
 * that carried them, not the one they merged into: segs is an estimate of wire packets.
 *
 * Clones. A new address whose first event is mid-path (after nic_rx, not a sender checkpoint)
 * is a clone (bridge flooding) or a packet whose earlier events were lost. It is linked to the
 * most recent open timeline on the same CPU whose latest hop is before it on the path, within
 * 1 ms, with len and hash agreeing where known (len may differ by the Ethernet or VXLAN header
 * sizes, see attribute-by-cpu.ts); the timeline moves to the new address and clones++. The
 * original address is forgotten: if the original also goes on (a flood to several ports), its
 * next events start a timeline of their own, and its free counts as `free-without-timeline`.
 * Unlinkable: counted `orphan-mid-path` and started as a partial timeline that still yields the
 * stages it covers.
 * Without any NIC probe in the trace, outer_rcv is where packets first appear, so it counts as
 * mid-path only once a nic_rx has been seen.
 *
 * sk_data_ready has no skb: it goes to the most recent open timeline on its CPU whose latest hop
 * is the transport receive (or container_rcv; host path outer_rcv; econ_rx after an ECON hit)
 * within 1 ms and without a sock_ready yet; otherwise `unattributed-sk-data-ready`. Two sockets
 * woken for packets handled back to back on one CPU can be swapped; that is not detectable here.
 *
 * ECON: econ_rx's return value sets econ (0 hit, 1 already, 2 miss, 3 drop). econ_* events
 * without an skb are not hops. If the recorder stamps econ_rx on function return, its hop comes
 * after the fast path's own hops in time and is counted out-of-order.
 *
 * Memory holds packets in flight: a sweep every SWEEP_EVERY events ends timelines idle for
 * idleTimeoutNs of trace time ('timeout'). finish() flushes the window and ends all open
 * timelines ('end-of-trace').
 */
import type { TraceEvent } from '../model/event.js';
import { countIssue } from '../model/ingest.js';
import type { IngestCounters } from '../model/ingest.js';
import type { DeviceAssignment, PathKind } from '../model/manifest.js';
import type { PacketTimeline } from '../model/timeline.js';
import { findCloneParent, findSockReadyOwner } from './attribute-by-cpu.js';
import { ORDER, checkpointBit, isSenderOrder } from './checkpoint-order.js';
import { NOT_A_HOP, createOrderClassifier, resolveUdpOrder } from './classify-checkpoint.js';
import type { OrderClassifier } from './classify-checkpoint.js';
import { addHop, closeTimeline, openTimeline, touchTimeline } from './open-timeline.js';
import type { OpenTimeline } from './open-timeline.js';
import { RecentByCpu } from './recent-by-cpu.js';
import { createReorderBuffer } from './reorder-buffer.js';

export { expectedCheckpoints, isComplete } from './expected-checkpoints.js';

export const DEFAULT_IDLE_TIMEOUT_NS = 1_000_000_000;
/** Events between idle sweeps: a sweep walks the open timelines, so it must stay rare. */
export const SWEEP_EVERY = 65_536;
/** Path positions behind the furthest one at which an event is a new packet, not skew. */
export const REUSE_GAP = 4;

export interface TimelineJoinerOptions {
  devices: DeviceAssignment[];
  path: PathKind;
  counters: IngestCounters;
  onTimeline: (t: PacketTimeline) => void;
  /** Trace time without events after which a timeline ends; default 1 s. */
  idleTimeoutNs?: number;
  /** Reorder window, see reorder-buffer.ts; default 50 ms; 0 for input already sorted. */
  reorderWindowNs?: number;
}

export interface TimelineJoiner {
  push(ev: TraceEvent): void;
  finish(): void;
}

export function createTimelineJoiner(opts: TimelineJoinerOptions): TimelineJoiner {
  const core = new JoinCore(opts);
  const buffer = createReorderBuffer({
    windowNs: opts.reorderWindowNs,
    counters: opts.counters,
    onEvent: (ev) => core.accept(ev),
  });
  return {
    push: (ev) => buffer.push(ev),
    finish: () => {
      buffer.flush();
      core.finish();
    },
  };
}

const OUTER_RCV_BIT = checkpointBit(ORDER.outer_rcv);
const NIC_RX = ORDER.nic_rx;
const OUTER_RCV = ORDER.outer_rcv;
const FREED = ORDER.freed;
const SOCK_READY = ORDER.sock_ready;

class JoinCore {
  private readonly open = new Map<string, OpenTimeline>();
  private readonly recent = new RecentByCpu();
  private readonly classify: OrderClassifier;
  private readonly overlay: boolean;
  private readonly counters: IngestCounters;
  private readonly onTimeline: (t: PacketTimeline) => void;
  private readonly idleTimeoutNs: number;
  private sinceSweep = 0;
  private nowNs = -Infinity;
  private sawNicRx = false;

  constructor(opts: TimelineJoinerOptions) {
    this.classify = createOrderClassifier(opts.devices, opts.path, opts.counters);
    this.overlay = opts.path === 'overlay';
    this.counters = opts.counters;
    this.onTimeline = opts.onTimeline;
    this.idleTimeoutNs = opts.idleTimeoutNs ?? DEFAULT_IDLE_TIMEOUT_NS;
  }

  accept(ev: TraceEvent): void {
    const order = this.classify(ev);
    if (order === NOT_A_HOP) return;
    if (ev.tsNs > this.nowNs) this.nowNs = ev.tsNs;
    if (++this.sinceSweep >= SWEEP_EVERY) this.sweep();
    if (ev.skb === '') {
      // Only sk_data_ready legitimately lacks an skb; other skb-less events cannot be placed.
      if (order === SOCK_READY) this.attachSockReady(ev);
      return;
    }
    if (order === NIC_RX) this.sawNicRx = true;
    const t = this.open.get(ev.skb);
    if (t !== undefined) {
      const resolved = resolveUdpOrder(order, t.maxOrder, t.econ === 'hit');
      if (resolved === FREED) {
        this.hop(t, resolved, ev);
        this.end(t, 'freed');
        return;
      }
      if (!startsNewLife(t, resolved)) {
        this.continueTimeline(t, resolved, ev);
        return;
      }
      // Ended like an idle timeline, but counted apart: the free was never traced.
      this.end(t, 'timeout');
      countIssue(this.counters, 'reused-without-free');
    }
    this.startOrLink(order, ev);
  }

  finish(): void {
    for (const t of this.open.values()) this.onTimeline(closeTimeline(t, 'end-of-trace'));
    this.open.clear();
  }

  private continueTimeline(t: OpenTimeline, order: number, ev: TraceEvent): void {
    if ((t.seen & checkpointBit(order)) === 0) {
      this.hop(t, order, ev);
      return;
    }
    if (
      order === NIC_RX &&
      ev.point === 'napi_gro_receive_entry' &&
      (t.seen & OUTER_RCV_BIT) === 0
    ) {
      t.nicRepeats++;
    }
    touchTimeline(t, ev);
  }

  private startOrLink(order: number, ev: TraceEvent): void {
    if (order === FREED) {
      countIssue(this.counters, 'free-without-timeline');
      return;
    }
    if (this.isMidPath(order)) {
      const link = findCloneParent(this.recent, ev, order);
      if (link !== undefined) {
        const parent = link.parent;
        if (this.open.get(parent.skb) === parent) this.open.delete(parent.skb);
        parent.skb = ev.skb;
        parent.clones++;
        this.open.set(ev.skb, parent);
        this.hop(parent, link.order, ev);
        return;
      }
      countIssue(this.counters, 'orphan-mid-path');
    }
    const t = openTimeline(ev.skb);
    this.open.set(ev.skb, t);
    this.hop(t, order, ev);
  }

  private isMidPath(order: number): boolean {
    if (order <= NIC_RX) return false;
    return order !== OUTER_RCV || this.sawNicRx;
  }

  private attachSockReady(ev: TraceEvent): void {
    const t = findSockReadyOwner(this.recent, ev, this.overlay);
    if (t === undefined) countIssue(this.counters, 'unattributed-sk-data-ready');
    else this.hop(t, SOCK_READY, ev);
  }

  private hop(t: OpenTimeline, order: number, ev: TraceEvent): void {
    if (addHop(t, order, ev, this.overlay)) countIssue(this.counters, 'out-of-order');
    this.recent.note(ev.cpu, t);
  }

  private end(t: OpenTimeline, end: PacketTimeline['end']): void {
    if (this.open.get(t.skb) === t) this.open.delete(t.skb);
    this.onTimeline(closeTimeline(t, end));
  }

  private sweep(): void {
    this.sinceSweep = 0;
    const oldest = this.nowNs - this.idleTimeoutNs;
    for (const t of this.open.values()) {
      if (t.lastSeenNs >= oldest) continue;
      this.end(t, 'timeout');
      countIssue(this.counters, 'timeline-timeout');
    }
  }
}

/** Whether an event at path position `order` on t's address belongs to a new packet (header). */
function startsNewLife(t: OpenTimeline, order: number): boolean {
  if (isSenderOrder(order)) return t.maxOrder >= NIC_RX || t.maxOrder - order >= REUSE_GAP;
  if (order === NIC_RX) return t.maxOrder >= OUTER_RCV;
  return t.maxOrder - order >= REUSE_GAP;
}
