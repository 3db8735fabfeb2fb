/**
 * The charts every report carries, in display order. The id is also the file stem
 * ("<id>.svg", "<id>.vl.json"); the title is the chart's own title. The analysis copies this
 * list into ReportModel.charts; buildChartSpecs builds one spec per entry.
 */
import type { ChartRef } from '../../model/report.js';

export const CHART_REFS: readonly Readonly<ChartRef>[] = [
  { id: 'stage-breakdown', title: 'Where the time goes: mean time per packet in each stage' },
  { id: 'latency-cdf', title: 'End-to-end latency CDF' },
  { id: 'stage-percentiles', title: 'Per-stage latency percentiles (p50, p90, p99)' },
  { id: 'hit-rate', title: 'ECON hit rate over time' },
  { id: 'checkpoints', title: 'Packets reaching each checkpoint' },
  { id: 'stage-flame', title: 'Stage-time flame: phases and their stages, time per packet' },
  { id: 'cpu-flame', title: 'CPU flame graph: networking CPU time per packet by stack' },
  {
    id: 'cpu-diff-flame',
    title: 'Differential CPU flame graph per packet: candidate against baseline',
  },
];

/** The title of a known chart id; throws on an unknown id (a programming error, not input). */
export function titleOf(id: string): string {
  const ref = CHART_REFS.find((r) => r.id === id);
  if (!ref) throw new Error(`unknown chart id ${id}`);
  return ref.title;
}
