/**
 * Number formatting shared by every renderer. Output must be deterministic (golden files), so
 * nothing here depends on the locale: no toLocaleString, no Intl.
 */

const UNITS = [
  { unit: 'ns', div: 1, decimals: 0 },
  { unit: 'µs', div: 1_000, decimals: 2 },
  { unit: 'ms', div: 1_000_000, decimals: 2 },
] as const;

/** A duration with the unit chosen per value: "850 ns", "12.34 µs", "3.10 ms", "2.50 s". */
export function formatNs(ns: number): string {
  const abs = Math.abs(ns);
  for (const u of UNITS) {
    // Decide on the rounded value, so 999.996 µs becomes "1.00 ms" and not "1000.00 µs".
    const shown = (abs / u.div).toFixed(u.decimals);
    if (Number(shown) < 1000) return `${signOf(ns, shown)}${shown} ${u.unit}`;
  }
  const sec = (abs / 1e9).toFixed(2);
  return `${signOf(ns, sec)}${sec} s`;
}

/** Like formatNs but always with a sign: "+1.20 µs", "-850 ns", "0 ns". */
export function formatSignedNs(ns: number): string {
  const s = formatNs(ns);
  return s.startsWith('-') || /^0(\.0+)? /.test(s) ? s : `+${s}`;
}

/** A fraction as a percentage with one decimal: 0.9813 -> "98.1%". */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** A signed relative change: -0.412 -> "-41.2%", 0.05 -> "+5.0%". */
export function formatSignedPercent(fraction: number): string {
  const s = formatPercent(fraction);
  if (s === '0.0%' || s === '-0.0%') return '0.0%';
  return s.startsWith('-') ? s : `+${s}`;
}

/** An integer count with thousands separators: 120000 -> "120,000". */
export function formatCount(n: number): string {
  const digits = Math.abs(Math.round(n)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

function signOf(ns: number, shown: string): string {
  // "-0 ns" would be noise: only show the minus when the rounded value is not zero.
  return ns < 0 && Number(shown) !== 0 ? '-' : '';
}
