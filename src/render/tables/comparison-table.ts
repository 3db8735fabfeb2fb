/**
 * The delta table of one comparison (candidate against baseline), from Comparison: per stage and
 * end to end, the p50, p99 and mean change with its 95% interval.
 */
import type { Comparison, Delta, StageDelta } from '../../model/report.js';
import { formatNs, formatSignedNs, formatSignedPercent } from '../format.js';
import type { Table } from '../table.js';

/** "-3.20 µs (-41.2%)"; the relative part is left out when the baseline is 0. */
export function formatDelta(d: Delta): string {
  const rel = d.deltaRel === null ? '' : ` (${formatSignedPercent(d.deltaRel)})`;
  return `${formatSignedNs(d.deltaNs)}${rel}`;
}

/** "[-3.50 µs, -2.90 µs]", or "n/a" when a side had too few samples. */
export function formatCi(d: Delta): string {
  return d.ci95Ns ? `[${formatSignedNs(d.ci95Ns[0])}, ${formatSignedNs(d.ci95Ns[1])}]` : 'n/a';
}

function deltaRow(kind: string, s: StageDelta): string[] {
  return [
    kind,
    s.name,
    `${formatNs(s.p50.baselineNs)} -> ${formatNs(s.p50.candidateNs)}`,
    formatDelta(s.p50),
    formatCi(s.p50),
    formatDelta(s.p99),
    formatCi(s.p99),
    formatDelta(s.mean),
    formatCi(s.mean),
  ];
}

/** Stage rows first (in the comparison's order), then the end-to-end spans. */
export function buildComparisonTable(cmp: Comparison): Table {
  return {
    header: [
      'kind',
      'stage',
      'p50 baseline -> candidate',
      'p50 delta',
      'p50 95% CI',
      'p99 delta',
      'p99 95% CI',
      'mean delta',
      'mean 95% CI',
    ],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows: [
      ...cmp.stages.map((s) => deltaRow('stage', s)),
      ...cmp.endToEnd.map((s) => deltaRow('end-to-end', s)),
    ],
  };
}

/** Stages one side walks and the other never does, as two labelled lists. */
export function listPathDifferences(cmp: Comparison): [label: string, value: string][] {
  return [
    ['skipped by candidate', cmp.skippedByCandidate.join(', ') || 'none'],
    ['only in candidate', cmp.onlyInCandidate.join(', ') || 'none'],
  ];
}
