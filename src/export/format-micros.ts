/**
 * Integer ns as a decimal µs string ("1234.567"), exactly: the Chrome trace format counts in
 * µs, and dividing by 1000 in floating point would print 0.30000000000000004-style noise.
 */
export function formatMicros(ns: number): string {
  const sign = ns < 0 ? '-' : '';
  const abs = Math.abs(ns);
  const whole = Math.floor(abs / 1000);
  const frac = abs - whole * 1000;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}
