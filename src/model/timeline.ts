/**
 * A packet's walk through the receive path, as the joiner assembles it from events.
 * The joiner (src/join/) documents how identity, reuse, clones and GRO are decided.
 */
import type { CheckpointId } from './checkpoint.js';

export interface TimelineHop {
  checkpoint: CheckpointId;
  /** ns since the run's clock origin. */
  tsNs: number;
  cpu: number;
  /** Device at this hop ('' when the point has none). Untrusted text. */
  dev: string;
}

/** Flow identity from the inner headers; fields unknown in the trace stay at their sentinel. */
export interface FlowKey {
  saddr: string;
  daddr: string;
  sport: number;
  dport: number;
  proto: number;
}

/** ECON's receive decision for this packet, from econ_rx's return value (ECON.md). */
export type EconOutcome = 'hit' | 'already' | 'miss' | 'drop';

export interface PacketTimeline {
  /** skb address at the last hop (lowercase hex). */
  skb: string;
  /** Hops in time order; at most one per checkpoint (the first seen wins, repeats are ignored). */
  hops: TimelineHop[];
  /** Inner flow, when any event carried it; null otherwise. */
  flow: FlowKey | null;
  /** skb->hash when seen; -1 otherwise. */
  hash: number;
  /** Largest skb->len seen; -1 when unknown. */
  lenBytes: number;
  /** Wire packets this skb stands for (GRO/GSO); 1 when nothing says otherwise. */
  segs: number;
  /** econ_rx outcome, null when no econ_rx event was seen. */
  econ: EconOutcome | null;
  /** How many times the packet continued under a new skb address (clones linked mid-path). */
  clones: number;
  /** Why the timeline ended. */
  end: 'freed' | 'timeout' | 'end-of-trace';
}
