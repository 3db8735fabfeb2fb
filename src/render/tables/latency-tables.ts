/**
 * Latency tables of one run: per stage (in path order, as the analysis lists them) and end to
 * end. 'summary' is the compact stdout form; 'full' adds p90, p99.9 and the extremes.
 */
import type { LatencySummary, RunReport } from '../../model/report.js';
import { formatCount, formatNs } from '../format.js';
import type { Align, Table } from '../table.js';

export type Detail = 'summary' | 'full';

const SUMMARY_COLS = ['count', 'p50', 'p99', 'mean'];
const FULL_COLS = ['count', 'min', 'p50', 'p90', 'p99', 'p99.9', 'max', 'mean'];

function latencyCells(l: LatencySummary, detail: Detail): string[] {
  if (detail === 'summary') {
    return [formatCount(l.count), formatNs(l.p50Ns), formatNs(l.p99Ns), formatNs(l.meanNs)];
  }
  return [
    formatCount(l.count),
    formatNs(l.minNs),
    formatNs(l.p50Ns),
    formatNs(l.p90Ns),
    formatNs(l.p99Ns),
    formatNs(l.p999Ns),
    formatNs(l.maxNs),
    formatNs(l.meanNs),
  ];
}

function latencyHeader(first: string[], detail: Detail): { header: string[]; align: Align[] } {
  const cols = detail === 'summary' ? SUMMARY_COLS : FULL_COLS;
  return {
    header: [...first, ...cols],
    align: [...first.map((): Align => 'left'), ...cols.map((): Align => 'right')],
  };
}

/** One row per stage: stage, phase, then the latency columns. */
export function buildStageTable(run: RunReport, detail: Detail): Table {
  return {
    ...latencyHeader(['stage', 'phase'], detail),
    rows: run.stages.map((s) => [s.name, s.phase, ...latencyCells(s.latency, detail)]),
  };
}

/** One row per end-to-end span, always with the full columns: it is the number people quote. */
export function buildEndToEndTable(run: RunReport): Table {
  return {
    ...latencyHeader(['span'], 'full'),
    rows: run.endToEnd.map((s) => [s.name, ...latencyCells(s.latency, 'full')]),
  };
}
