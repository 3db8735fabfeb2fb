/**
 * End-to-end spans: outer_rcv (stage 2) to sock_ready (stage 10), and outer_rcv to app_read
 * (stage 11) where the application read was traced. Only timelines that have both ends count.
 */
import type { CheckpointId } from '../model/checkpoint.js';
import { stageName } from '../model/checkpoint.js';
import type { SpanStats } from '../model/report.js';
import type { TimelineHop } from '../model/timeline.js';
import {
  createLatencyRecorder,
  finishLatency,
  recordLatency,
  type LatencyRecorder,
} from './latency-recorder.js';
import { spanSampleKey } from './run-analysis.js';

interface SpanDef {
  name: string;
  from: CheckpointId;
  to: CheckpointId;
}

export const END_TO_END_SPANS: readonly SpanDef[] = [
  { name: stageName('outer_rcv', 'sock_ready'), from: 'outer_rcv', to: 'sock_ready' },
  { name: stageName('outer_rcv', 'app_read'), from: 'outer_rcv', to: 'app_read' },
];

/** The headline span. */
export const MAIN_SPAN = stageName('outer_rcv', 'sock_ready');

export interface SpanAccumulator {
  readonly recorders: LatencyRecorder[];
}

export function createSpanAccumulator(): SpanAccumulator {
  return { recorders: END_TO_END_SPANS.map((s) => createLatencyRecorder(s.name)) };
}

function hopTime(hops: readonly TimelineHop[], id: CheckpointId): number | null {
  for (const h of hops) if (h.checkpoint === id) return h.tsNs;
  return null;
}

/**
 * Record the spans of one timeline; returns its outer_rcv>sock_ready latency (for the flow
 * table) or -1 when the timeline lacks either end.
 */
export function addTimelineSpans(acc: SpanAccumulator, hops: readonly TimelineHop[]): number {
  let main = -1;
  END_TO_END_SPANS.forEach((span, i) => {
    const from = hopTime(hops, span.from);
    const to = from === null ? null : hopTime(hops, span.to);
    const rec = acc.recorders[i];
    if (from === null || to === null || !rec) return;
    // Negative only with cross-CPU clock disagreement: see the stage accumulator.
    const d = to > from ? to - from : 0;
    recordLatency(rec, d);
    if (span.name === MAIN_SPAN) main = d;
  });
  return main;
}

/** Spans that had at least one packet, in END_TO_END_SPANS order. */
export function finishSpans(acc: SpanAccumulator, samples: Map<string, Float64Array>): SpanStats[] {
  const out: SpanStats[] = [];
  END_TO_END_SPANS.forEach((span, i) => {
    const rec = acc.recorders[i];
    if (!rec || rec.histogram.count === 0) return;
    const { latency, sample } = finishLatency(rec);
    samples.set(spanSampleKey(span.name), sample);
    out.push({ name: span.name, latency });
  });
  return out;
}
