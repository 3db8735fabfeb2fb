/**
 * One packet timeline as Chrome trace events (the JSON format ui.perfetto.dev and
 * chrome://tracing load): https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU
 * Each packet is a thread of the "packets" process; each stage between two consecutive hops is
 * a complete event ("ph":"X", ts and dur in µs) named after the stage, so slices on a track
 * touch but never overlap (hops are in time order). Where a packet's next hop is on another
 * CPU, a flow arrow ("ph":"s" then "ph":"f" with "bp":"e") joins the two stages.
 */
import { stageName } from '../model/checkpoint.js';
import type { PacketTimeline, TimelineHop } from '../model/timeline.js';
import { formatMicros } from './format-micros.js';

/** pid of the one process all packet tracks belong to. */
export const PACKETS_PID = 1;

export function formatTraceHeader(label: string): string {
  const meta = {
    ph: 'M',
    pid: PACKETS_PID,
    name: 'process_name',
    args: { name: `packets (${label})` },
  };
  return `{"displayTimeUnit":"ns","traceEvents":[\n${JSON.stringify(meta)}`;
}

export const TRACE_FOOTER = '\n]}\n';

/** State shared across packets: the next flow id. */
export interface FlowCounter {
  next: number;
}

/** The events of one packet, each preceded by ",\n" (the header already wrote the first event). */
export function formatPacketEvents(t: PacketTimeline, tid: number, flows: FlowCounter): string {
  const name = `packet ${tid} skb ${t.skb}`;
  let out = `,\n{"ph":"M","pid":${PACKETS_PID},"tid":${tid},"name":"thread_name","args":{"name":${JSON.stringify(name)}}}`;
  const hops = t.hops;
  const first = hops[0];
  if (hops.length === 1 && first !== undefined) {
    out += `,\n{"ph":"i","s":"t","pid":${PACKETS_PID},"tid":${tid},"name":${JSON.stringify(first.checkpoint)},"ts":${formatMicros(first.tsNs)},"args":${hopArgs(first)}}`;
  }
  for (let k = 0; k + 1 < hops.length; k++) {
    const from = hops[k] as TimelineHop;
    const to = hops[k + 1] as TimelineHop;
    const args = `{"from":${hopArgs(from)},"to":${hopArgs(to)}}`;
    out += `,\n{"ph":"X","pid":${PACKETS_PID},"tid":${tid},"name":"${stageName(from.checkpoint, to.checkpoint)}","ts":${formatMicros(from.tsNs)},"dur":${formatMicros(to.tsNs - from.tsNs)},"args":${args}}`;
    if (from.cpu >= 0 && to.cpu >= 0 && from.cpu !== to.cpu) {
      const id = flows.next++;
      const common = `"pid":${PACKETS_PID},"tid":${tid},"name":"cpu ${from.cpu} to ${to.cpu}","cat":"cpu-change","id":${id}`;
      out += `,\n{"ph":"s",${common},"ts":${formatMicros(from.tsNs)}}`;
      out += `,\n{"ph":"f","bp":"e",${common},"ts":${formatMicros(to.tsNs)}}`;
    }
  }
  return out;
}

function hopArgs(h: TimelineHop): string {
  return `{"checkpoint":"${h.checkpoint}","cpu":${h.cpu},"dev":${JSON.stringify(h.dev)}}`;
}
