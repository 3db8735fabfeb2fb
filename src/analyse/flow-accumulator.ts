/**
 * Per-flow packet counts, ECON outcomes and end-to-end latency, for the "busiest flows" table.
 *
 * Memory stays bounded with millions of flows: at most MAX_TRACKED_FLOWS flows are tracked, the
 * first ones seen. Packets of flows first seen after the cap is reached are not attributed to any
 * flow (they still count everywhere else in the report). Per-flow latency uses a coarser
 * histogram (16 buckets per power of two, error within 3.2%) that grows only as far as the
 * flow's largest latency needs, a few KB per flow.
 */
import type { FlowStats } from '../model/report.js';
import type { FlowKey, PacketTimeline } from '../model/timeline.js';
import {
  createLogHistogram,
  recordValue,
  summariseHistogram,
  type LogHistogram,
} from './log-histogram.js';

export const MAX_TRACKED_FLOWS = 10_000;
export const TOP_FLOWS = 20;
const FLOW_SUB_BUCKET_BITS = 4;

interface FlowEntry {
  flow: FlowKey;
  packets: number;
  hits: number;
  misses: number;
  endToEnd: LogHistogram | null;
}

/** Entries checked before building a flow's key: a host's busy flows interleave packet by packet. */
const RECENT_FLOWS = 8;

export interface FlowAccumulator {
  readonly flows: Map<string, FlowEntry>;
  /**
   * The entries of the latest timelines' flows, found without building a key string (a string
   * per packet made a good part of the analysing thread's garbage).
   */
  readonly recent: FlowEntry[];
  /** Where the next new entry goes in `recent`. */
  nextRecent: number;
}

export function createFlowAccumulator(): FlowAccumulator {
  return { flows: new Map(), recent: [], nextRecent: 0 };
}

function findFlow(acc: FlowAccumulator, flow: FlowKey): FlowEntry | undefined {
  for (const e of acc.recent) if (sameFlow(e.flow, flow)) return e;
  const e = acc.flows.get(flowId(flow));
  if (e !== undefined) rememberFlow(acc, e);
  return e;
}

function rememberFlow(acc: FlowAccumulator, e: FlowEntry): void {
  acc.recent[acc.nextRecent] = e;
  acc.nextRecent = (acc.nextRecent + 1) % RECENT_FLOWS;
}

function sameFlow(a: FlowKey, b: FlowKey): boolean {
  return (
    a.sport === b.sport &&
    a.dport === b.dport &&
    a.saddr === b.saddr &&
    a.daddr === b.daddr &&
    a.proto === b.proto
  );
}

function flowId(f: FlowKey): string {
  return `${f.saddr}|${f.daddr}|${f.sport}|${f.dport}|${f.proto}`;
}

/** Count one timeline for its flow; `endToEndNs` is -1 when the timeline has no such span. */
export function addTimelineFlow(acc: FlowAccumulator, t: PacketTimeline, endToEndNs: number): void {
  if (!t.flow) return;
  let e = findFlow(acc, t.flow);
  if (!e) {
    if (acc.flows.size >= MAX_TRACKED_FLOWS) return;
    e = { flow: { ...t.flow }, packets: 0, hits: 0, misses: 0, endToEnd: null };
    acc.flows.set(flowId(e.flow), e);
    rememberFlow(acc, e);
  }
  e.packets += 1;
  if (t.econ === 'hit') e.hits += 1;
  else if (t.econ === 'miss') e.misses += 1;
  if (endToEndNs >= 0) {
    e.endToEnd ??= createLogHistogram(FLOW_SUB_BUCKET_BITS);
    recordValue(e.endToEnd, endToEndNs);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Busiest first; ties broken by the flow key so the order never depends on arrival. */
function compareFlows(a: FlowEntry, b: FlowEntry): number {
  return (
    b.packets - a.packets ||
    compareText(a.flow.saddr, b.flow.saddr) ||
    compareText(a.flow.daddr, b.flow.daddr) ||
    a.flow.sport - b.flow.sport ||
    a.flow.dport - b.flow.dport ||
    a.flow.proto - b.flow.proto
  );
}

export function finishFlows(acc: FlowAccumulator): FlowStats[] {
  return [...acc.flows.values()]
    .sort(compareFlows)
    .slice(0, TOP_FLOWS)
    .map((e) => ({
      flow: { ...e.flow },
      packets: e.packets,
      endToEnd: e.endToEnd ? summariseHistogram(e.endToEnd) : null,
      econHits: e.hits,
      econMisses: e.misses,
    }));
}
