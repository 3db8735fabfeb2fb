/**
 * A packet timeline while the joiner still adds to it, and how it becomes the PacketTimeline of
 * src/model/timeline.ts when it ends. Fields the joiner's rules read on every event (furthest
 * path position, checkpoints seen, last hop) are kept as plain numbers so no rule has to walk
 * the hops; the flow is kept as loose fields and only becomes an object at the end.
 */
import type { CheckpointId } from '../model/checkpoint.js';
import type { TraceEvent } from '../model/event.js';
import type { EconOutcome, PacketTimeline, TimelineHop } from '../model/timeline.js';
import { CHECKPOINT_AT, ORDER, checkpointBit } from './checkpoint-order.js';

export interface OpenTimeline {
  /** Current skb address (changes when a clone is linked). */
  skb: string;
  /** In time order. */
  hops: TimelineHop[];
  /** Bit per checkpoint already present (checkpointBit). */
  seen: number;
  /** Furthest path position shown by any hop. */
  maxOrder: number;
  /** Path position, time and CPU of the latest hop in time. */
  lastOrder: number;
  lastHopNs: number;
  lastCpu: number;
  /** Latest event of any kind for this packet, repeats included (idle timeout). */
  lastSeenNs: number;
  /** skb->len and skb->hash as of the latest event that knew them (clone matching). */
  lastLenBytes: number;
  lastHash: number;
  hash: number;
  lenBytes: number;
  /** Largest segs field seen (0 = none known). */
  segsField: number;
  /** nic_rx repeats before outer_rcv: napi recycling the skb for merged segments. */
  nicRepeats: number;
  econ: EconOutcome | null;
  clones: number;
  /** Rank (flowRank) of the hop the flow fields came from; -1 = no flow yet. */
  flowRank: number;
  saddr: string;
  daddr: string;
  sport: number;
  dport: number;
  proto: number;
  ended: boolean;
}

const ECON_OUTCOMES: readonly EconOutcome[] = ['hit', 'already', 'miss', 'drop'];

/** Positions on the overlay where a probe reading skb's IP header sees the outer VXLAN one. */
const OUTER_HEADER_FROM = ORDER.tx_underlay;
const OUTER_HEADER_TO = ORDER.vxlan_decap;
const ECON_RX = ORDER.econ_rx;

export function openTimeline(skb: string): OpenTimeline {
  return {
    skb,
    hops: [],
    seen: 0,
    maxOrder: -1,
    lastOrder: -1,
    lastHopNs: -Infinity,
    lastCpu: -1,
    lastSeenNs: -Infinity,
    lastLenBytes: -1,
    lastHash: -1,
    hash: -1,
    lenBytes: -1,
    segsField: 0,
    nicRepeats: 0,
    econ: null,
    clones: 0,
    flowRank: -1,
    saddr: '',
    daddr: '',
    sport: -1,
    dport: -1,
    proto: -1,
    ended: false,
  };
}

/**
 * Adds a hop at path position `order`, at its place in time order (late events land before later
 * hops), and takes the event's fields. Returns true when the hop's path position disagrees with
 * its neighbours in time (clock skew across CPUs, or a late event).
 */
export function addHop(t: OpenTimeline, order: number, ev: TraceEvent, overlay: boolean): boolean {
  const checkpoint = CHECKPOINT_AT[order] as CheckpointId;
  const hop: TimelineHop = { checkpoint, tsNs: ev.tsNs, cpu: ev.cpu, dev: ev.dev };
  const hops = t.hops;
  let disagrees: boolean;
  if (hops.length === 0 || t.lastHopNs <= ev.tsNs) {
    disagrees = t.lastOrder > order;
    hops.push(hop);
    t.lastOrder = order;
    t.lastHopNs = ev.tsNs;
    t.lastCpu = ev.cpu;
  } else {
    let i = hops.length - 1;
    while (i > 0 && (hops[i - 1] as TimelineHop).tsNs > ev.tsNs) i--;
    hops.splice(i, 0, hop);
    const prev = hops[i - 1];
    const next = hops[i + 1] as TimelineHop;
    disagrees =
      (prev !== undefined && ORDER[prev.checkpoint] > order) || ORDER[next.checkpoint] < order;
  }
  t.seen |= checkpointBit(order);
  if (order > t.maxOrder) t.maxOrder = order;
  if (order === ECON_RX && t.econ === null && ev.ret !== null) {
    // First econ_rx wins: a later 1 ("already handled") is the same packet coming back.
    t.econ = ECON_OUTCOMES[ev.ret] ?? null;
  }
  absorbFields(t, ev, order, overlay);
  return disagrees;
}

/** Notes activity that adds no hop (ignored repeats), so the idle timeout sees it. */
export function touchTimeline(t: OpenTimeline, ev: TraceEvent): void {
  if (ev.tsNs > t.lastSeenNs) t.lastSeenNs = ev.tsNs;
}

function absorbFields(t: OpenTimeline, ev: TraceEvent, order: number, overlay: boolean): void {
  if (ev.tsNs > t.lastSeenNs) t.lastSeenNs = ev.tsNs;
  if (ev.lenBytes >= 0) {
    t.lastLenBytes = ev.lenBytes;
    if (ev.lenBytes > t.lenBytes) t.lenBytes = ev.lenBytes;
  }
  // skb->hash 0 means the kernel has not computed one yet: as good as unknown.
  if (ev.hash > 0) {
    t.lastHash = ev.hash;
    if (t.hash < 0) t.hash = ev.hash;
  }
  if (ev.segs > t.segsField) t.segsField = ev.segs;
  // A protocol alone (sk_data_ready reports one) is not a flow: addresses or ports are needed.
  if (ev.saddr === '' && ev.daddr === '' && ev.sport < 0 && ev.dport < 0) return;
  const rank = flowRank(order, overlay);
  if (rank < t.flowRank) return;
  t.flowRank = rank;
  t.saddr = ev.saddr;
  t.daddr = ev.daddr;
  t.sport = ev.sport;
  t.dport = ev.dport;
  t.proto = ev.proto;
}

/**
 * Which hop's headers name the flow: the latest on the path, but on the overlay any hop that
 * sees the inner headers beats every hop that sees the outer VXLAN ones (underlay transmit up
 * to decap), so a sender-only timeline is not named after its outer header.
 */
function flowRank(order: number, overlay: boolean): number {
  const outer = overlay && order >= OUTER_HEADER_FROM && order <= OUTER_HEADER_TO;
  return outer ? order : order + 100;
}

/** The finished timeline handed downstream. */
export function closeTimeline(t: OpenTimeline, end: PacketTimeline['end']): PacketTimeline {
  t.ended = true;
  return {
    skb: t.skb,
    hops: t.hops,
    flow:
      t.flowRank < 0
        ? null
        : { saddr: t.saddr, daddr: t.daddr, sport: t.sport, dport: t.dport, proto: t.proto },
    hash: t.hash,
    lenBytes: t.lenBytes,
    // GRO: each napi recycle before outer_rcv stood for one more wire packet.
    segs: Math.max(t.segsField, 1 + t.nicRepeats),
    econ: t.econ,
    clones: t.clones,
    end,
  };
}
