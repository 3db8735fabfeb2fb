/**
 * Finds the sample header of a `perf script` line: the optional `[cpu]` field, the
 * `seconds.fraction:` timestamp, and where the event name starts. perf prints
 *
 *     <comm> <tid> [<cpu>] <sec>.<frac>: [<period>] <event>: <trace fields>
 *
 * (tools/perf/builtin-script.c, perf_sample__fprintf_start at v6.1). The comm is free text and
 * may contain spaces, so the line is read from the ` [NNN] ` cpu field, or, when `-F` dropped
 * it, from the first token shaped like a timestamp.
 */
import { isDigit } from './bytes.js';
import { FRACTION_SCALE } from './timestamp.js';

const SPACE = 0x20;
const MAX_SEC_DIGITS = 12;
const MAX_CPU_DIGITS = 6;

/** Where the header parts are; filled in place to avoid an object per line. */
export interface SampleHeader {
  /** CPU number, -1 when the line has no cpu field. */
  cpu: number;
  /** Whole seconds of the timestamp. */
  sec: number;
  /** Fraction scaled to ns (6 digits without --ns are microseconds). NaN when over 9 digits. */
  ns: number;
  /** Index of the first byte after the timestamp's colon. */
  after: number;
}

export function createSampleHeader(): SampleHeader {
  return { cpu: -1, sec: 0, ns: 0, after: 0 };
}

/** Reads the header of line [start, end) into `out`; false when the line has none. */
export function locateSampleHeader(
  buf: Buffer,
  start: number,
  end: number,
  out: SampleHeader,
): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c === SPACE || (i > start && buf[i - 1] !== SPACE)) continue;
    if (c === 0x5b && readCpuThenTimestamp(buf, i, end, out)) return true;
    if (isDigit(c) && readTimestamp(buf, i, end, out)) {
      out.cpu = -1;
      return true;
    }
  }
  return false;
}

/** `[NNN]`, one or more spaces, then a timestamp. */
function readCpuThenTimestamp(buf: Buffer, open: number, end: number, out: SampleHeader): boolean {
  let cpu = 0;
  let i = open + 1;
  while (i < end && isDigit(buf[i]) && i - open <= MAX_CPU_DIGITS)
    cpu = cpu * 10 + buf[i++]! - 0x30;
  if (i === open + 1 || i >= end || buf[i] !== 0x5d) return false;
  i++;
  if (i >= end || buf[i] !== SPACE) return false;
  while (i < end && buf[i] === SPACE) i++;
  if (!readTimestamp(buf, i, end, out)) return false;
  out.cpu = cpu;
  return true;
}

/** `<sec>.<frac>:` followed by a space or the end of the line. */
function readTimestamp(buf: Buffer, from: number, end: number, out: SampleHeader): boolean {
  let sec = 0;
  let i = from;
  while (i < end && isDigit(buf[i])) sec = sec * 10 + buf[i++]! - 0x30;
  const secDigits = i - from;
  if (secDigits === 0 || secDigits > MAX_SEC_DIGITS || i >= end || buf[i] !== 0x2e) return false;
  const fracStart = ++i;
  let frac = 0;
  while (i < end && isDigit(buf[i])) frac = frac * 10 + buf[i++]! - 0x30;
  const fracDigits = i - fracStart;
  if (fracDigits === 0 || i >= end || buf[i] !== 0x3a) return false;
  if (i + 1 < end && buf[i + 1] !== SPACE) return false;
  out.sec = sec;
  // --ns prints 9 digits, the default 6 (microseconds): scale either to exact ns.
  const scale = FRACTION_SCALE[fracDigits];
  out.ns = scale === undefined ? NaN : frac * scale;
  out.after = i + 1;
  return true;
}
