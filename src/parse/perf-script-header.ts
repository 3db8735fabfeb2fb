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
import { isDigitCode } from './text-fields.js';
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
  /** Index of the first char after the timestamp's colon. */
  after: number;
}

export function createSampleHeader(): SampleHeader {
  return { cpu: -1, sec: 0, ns: 0, after: 0 };
}

/** Reads the header of `line` into `out`; false when the line has none. */
export function locateSampleHeader(line: string, out: SampleHeader): boolean {
  const end = line.length;
  for (let i = 0; i < end; i++) {
    const c = line.charCodeAt(i);
    // Only token starts can begin the cpu field or the timestamp.
    if (c === SPACE || (i > 0 && line.charCodeAt(i - 1) !== SPACE)) continue;
    if (c === 0x5b && readCpuThenTimestamp(line, i, out)) return true;
    if (isDigitCode(c) && readTimestamp(line, i, out)) {
      out.cpu = -1;
      return true;
    }
  }
  return false;
}

/** `[NNN]`, one or more spaces, then a timestamp. */
function readCpuThenTimestamp(line: string, open: number, out: SampleHeader): boolean {
  let cpu = 0;
  let i = open + 1;
  while (isDigitCode(line.charCodeAt(i)) && i - open <= MAX_CPU_DIGITS) {
    cpu = cpu * 10 + line.charCodeAt(i++) - 0x30;
  }
  if (i === open + 1 || line.charCodeAt(i) !== 0x5d || line.charCodeAt(i + 1) !== SPACE)
    return false;
  i += 2;
  while (line.charCodeAt(i) === SPACE) i++;
  if (!readTimestamp(line, i, out)) return false;
  out.cpu = cpu;
  return true;
}

/** `<sec>.<frac>:` followed by a space or the end of the line. */
function readTimestamp(line: string, from: number, out: SampleHeader): boolean {
  let sec = 0;
  let i = from;
  while (isDigitCode(line.charCodeAt(i))) sec = sec * 10 + line.charCodeAt(i++) - 0x30;
  const secDigits = i - from;
  if (secDigits === 0 || secDigits > MAX_SEC_DIGITS || line.charCodeAt(i) !== 0x2e) return false;
  const fracStart = ++i;
  let frac = 0;
  while (isDigitCode(line.charCodeAt(i))) frac = frac * 10 + line.charCodeAt(i++) - 0x30;
  const fracDigits = i - fracStart;
  if (fracDigits === 0 || line.charCodeAt(i) !== 0x3a) return false;
  if (i + 1 < line.length && line.charCodeAt(i + 1) !== SPACE) return false;
  out.sec = sec;
  // --ns prints 9 digits, the default 6 (microseconds): scale either to exact ns.
  const scale = FRACTION_SCALE[fracDigits];
  out.ns = scale === undefined ? NaN : frac * scale;
  out.after = i + 1;
  return true;
}
