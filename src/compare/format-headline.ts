/**
 * The comparison's one-line headline, e.g. "end-to-end p50 -41.2%, p99 -37.0%, ECON hit rate
 * 98.1%": relative change of the outer_rcv>sock_ready span (candidate against baseline), and the
 * candidate's ECON hit rate when it has one.
 */
import type { EconSummary, StageDelta } from '../model/report.js';

/** Signed percentage with one decimal; the sign follows the rounded value ("+0.0%" for zero). */
export function formatSignedPercent(fraction: number | null): string {
  if (fraction === null) return 'n/a';
  const text = (fraction * 100).toFixed(1);
  if (text.startsWith('-')) return text === '-0.0' ? '+0.0%' : `${text}%`;
  return `+${text}%`;
}

export function formatHeadline(
  endToEnd: StageDelta | undefined,
  candidateEcon: EconSummary | null,
): string {
  const parts: string[] = [];
  if (endToEnd) {
    parts.push(
      `end-to-end p50 ${formatSignedPercent(endToEnd.p50.deltaRel)}, p99 ${formatSignedPercent(endToEnd.p99.deltaRel)}`,
    );
  } else {
    parts.push('end-to-end not measured in both runs');
  }
  const hitRate = candidateEcon?.hitRate ?? null;
  if (hitRate !== null) parts.push(`ECON hit rate ${(hitRate * 100).toFixed(1)}%`);
  return parts.join(', ');
}
