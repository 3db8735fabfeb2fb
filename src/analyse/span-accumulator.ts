/**
 * End-to-end spans: outer_rcv (stage 2) to sock_ready (stage 10), and outer_rcv to app_read
 * (stage 11) where the application read was traced. Only timelines that have both ends count.
 */
import type { CheckpointId } from '../model/checkpoint.js';
import { checkpointOrder, stageName } from '../model/checkpoint.js';
import type { SpanStats } from '../model/report.js';
import type { HopColumns } from './hop-columns.js';
import {
  createLatencyRecorder,
  finishLatency,
  recordLatency,
  type LatencyRecorder,
} from './latency-recorder.js';
import { spanSampleKey } from './run-analysis.js';
import { percentile, type LogHistogram } from './log-histogram.js';

/** CDF points for the latency chart: every percent, plus the tail a percent step would hide. */
const CDF_QUANTILES = [...Array.from({ length: 101 }, (_, i) => i / 100), 0.995, 0.999].sort(
  (a, b) => a - b,
);

function readCdf(h: LogHistogram): { q: number; ns: number }[] {
  return CDF_QUANTILES.map((q) => ({ q, ns: percentile(h, q) }));
}

interface SpanDef {
  name: string;
  from: CheckpointId;
  to: CheckpointId;
}

export const END_TO_END_SPANS: readonly SpanDef[] = [
  { name: stageName('outer_rcv', 'sock_ready'), from: 'outer_rcv', to: 'sock_ready' },
  { name: stageName('outer_rcv', 'app_read'), from: 'outer_rcv', to: 'app_read' },
];

/** The headline span, END_TO_END_SPANS[0]. */
export const MAIN_SPAN = stageName('outer_rcv', 'sock_ready');

export interface SpanAccumulator {
  readonly recorders: LatencyRecorder[];
}

export function createSpanAccumulator(): SpanAccumulator {
  return { recorders: END_TO_END_SPANS.map((s) => createLatencyRecorder(s.name)) };
}

const SPAN_ORDERS = END_TO_END_SPANS.map((s) => [checkpointOrder(s.from), checkpointOrder(s.to)]);

function hopTime(hops: HopColumns, order: number | undefined): number | null {
  for (let i = 0; i < hops.n; i++) if (hops.order[i] === order) return hops.tsNs[i] ?? null;
  return null;
}

/**
 * Record the spans of one timeline; returns its outer_rcv>sock_ready latency (for the flow
 * table) or -1 when the timeline lacks either end.
 */
export function addTimelineSpans(acc: SpanAccumulator, hops: HopColumns): number {
  let main = -1;
  for (let i = 0; i < SPAN_ORDERS.length; i++) {
    const [fromOrder, toOrder] = SPAN_ORDERS[i] ?? [];
    const from = hopTime(hops, fromOrder);
    if (from === null) continue;
    const to = hopTime(hops, toOrder);
    const rec = acc.recorders[i];
    if (to === null || !rec) continue;
    // Negative only with cross-CPU clock disagreement: see the stage accumulator.
    const d = to > from ? to - from : 0;
    recordLatency(rec, d);
    if (i === 0) main = d;
  }
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
    out.push({ name: span.name, latency, cdf: readCdf(rec.histogram) });
  });
  return out;
}
