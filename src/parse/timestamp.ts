/**
 * Exact timestamps. Kernel clocks print `seconds` and a fraction (perf) or plain integer ns
 * (bpftrace `nsecs`); past about 104 days of uptime the absolute ns value no longer fits a
 * double exactly, so parsers split it into whole seconds and ns and keep only the offset from
 * the run's origin (ClockOrigin in src/model/event.ts) as a number.
 */
import type { ClockOrigin } from '../model/event.js';

export const NS_PER_SEC = 1_000_000_000;

/** Scale factors for a fraction with 0..9 digits to ns (index = digit count). */
export const FRACTION_SCALE = [
  1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1000, 100, 10, 1,
];

/**
 * Offset in ns of (sec, ns) from the origin, fixing the origin on first use.
 * NaN when the offset is not an exact integer (over 2^53 ns, about 104 days, from the origin).
 */
export function offsetFromOrigin(origin: ClockOrigin, sec: number, ns: number): number {
  if (origin.originSec === null) origin.originSec = sec;
  const offset = (sec - origin.originSec) * NS_PER_SEC + ns;
  return Number.isSafeInteger(offset) ? offset : NaN;
}
