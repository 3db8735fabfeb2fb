/**
 * The percentile definition used everywhere in econ-trace: nearest rank. The q-quantile of n
 * sorted values is the value at 1-based rank ceil(q * n) (at least 1), so it is always one of
 * the recorded values and needs no interpolation.
 */

/** 1-based nearest rank of quantile q (0..1) among n values; 0 when n is 0. */
export function nearestRank(q: number, n: number): number {
  if (n <= 0) return 0;
  const exact = q * n;
  // q * n carries binary rounding (0.07 * 100 = 7.000000000000001): snap to the integer it means
  // before taking the ceiling, or the rank would be one too high.
  const rounded = Math.round(exact);
  const rank = Math.abs(exact - rounded) <= 1e-9 * Math.max(1, exact) ? rounded : Math.ceil(exact);
  return Math.min(n, Math.max(1, rank));
}
