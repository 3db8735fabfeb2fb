/** One Delta of the report model from a baseline value, a candidate value and an interval. */
import type { Delta } from '../model/report.js';

export function makeDelta(
  baselineNs: number,
  candidateNs: number,
  ci95Ns: [number, number] | null,
): Delta {
  const deltaNs = candidateNs - baselineNs;
  return {
    baselineNs,
    candidateNs,
    deltaNs,
    deltaRel: baselineNs === 0 ? null : deltaNs / baselineNs,
    ci95Ns,
  };
}
