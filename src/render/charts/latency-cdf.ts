/**
 * End-to-end latency CDF per run and span, from RunReport.endToEnd. The model carries a few
 * percentiles per span (min, p50, p90, p99, p99.9, max) and, optionally, a denser quantile list
 * (SpanStats.cdf); the curve joins those points with straight lines, so between them it is an
 * interpolation, and the subtitle says which source was used.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel, SpanStats } from '../../model/report.js';
import { nameChartRuns } from '../run-names.js';
import { CHART_CONFIG, CHART_WIDTH, toLogMicros } from './chart-style.js';
import { titleOf } from './chart-refs.js';

const PERCENTILES_NOTE = 'from percentiles (min, p50, p90, p99, p99.9, max)';

/** Quantile points of one span, q ascending; the dense list when present. */
export function listQuantilePoints(span: SpanStats): { q: number; ns: number }[] {
  if (span.cdf && span.cdf.length >= 2) return [...span.cdf].sort((a, b) => a.q - b.q);
  const l = span.latency;
  return [
    { q: 0, ns: l.minNs },
    { q: 0.5, ns: l.p50Ns },
    { q: 0.9, ns: l.p90Ns },
    { q: 0.99, ns: l.p99Ns },
    { q: 0.999, ns: l.p999Ns },
    { q: 1, ns: l.maxNs },
  ];
}

function describeSource(spans: SpanStats[]): string {
  const dense = spans.filter((s) => s.cdf && s.cdf.length >= 2).length;
  if (dense === 0) return PERCENTILES_NOTE;
  if (dense === spans.length) return 'from recorded quantiles';
  return `from recorded quantiles where present, otherwise ${PERCENTILES_NOTE}`;
}

export function buildLatencyCdf(model: ReportModel): TopLevelSpec {
  const names = nameChartRuns(model.runs);
  const values = model.runs.flatMap((run, i) =>
    run.endToEnd.flatMap((span) =>
      listQuantilePoints(span).map((p) => ({
        run: names[i] ?? '',
        span: span.name,
        series: `${names[i] ?? ''} / ${span.name}`,
        q: p.q,
        us: toLogMicros(p.ns),
      })),
    ),
  );
  const spans = model.runs.flatMap((r) => r.endToEnd);
  return {
    title: {
      text: titleOf('latency-cdf'),
      subtitle: `${describeSource(spans)}; points joined by straight lines`,
    },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: 320,
    data: { values },
    mark: { type: 'line', point: true, interpolate: 'linear' },
    encoding: {
      x: {
        field: 'us',
        type: 'quantitative',
        scale: { type: 'log' },
        title: 'end-to-end latency (µs, log scale)',
      },
      y: {
        field: 'q',
        type: 'quantitative',
        scale: { domain: [0, 1] },
        axis: { format: '.0%' },
        title: 'share of packets at or below (%)',
      },
      color: { field: 'run', type: 'nominal', sort: names, title: 'run' },
      strokeDash: { field: 'span', type: 'nominal', title: 'span' },
      detail: { field: 'series', type: 'nominal' },
      order: { field: 'q', type: 'quantitative' },
    },
  };
}
