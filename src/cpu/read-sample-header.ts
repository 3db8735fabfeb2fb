/**
 * Reads the first line of a sample in `perf script` output:
 *
 *     iperf3  6313 [000]  1933.952374043:    2004008 cpu-clock:pppH:
 *     kworker/u8:5-ev 13912/13912 1187.861372: cpu-clock:ppp:
 *     iperf3  6313 [000]  1933.952374043: net:netif_receive_skb: dev=veth-c skbaddr=0x... len=92
 *
 * (perf_sample__fprintf_start, then the period and the event name, in tools/perf/builtin-script.c
 * at v6.1: https://github.com/torvalds/linux/blob/v6.1/tools/perf/builtin-script.c).
 *
 * The process name, period and event are read with the two patterns of FlameGraph's
 * stackcollapse-perf.pl (41fee1f), so that folding gives the same stacks:
 *   `^(\S.+?)\s+(\d+)\/*(\d+)*\s+`       comm, then pid or pid/tid
 *   `:\s*(\d+)*\s+(\S+):\s*$`            optional period, then the event ending the line
 * A tracepoint's line ends with its fields, not with the event, so the second pattern does not
 * read it; econ-trace then reads the event name itself (the token after the timestamp and
 * optional period). CPU and timestamp come from src/parse/perf-script-header.ts.
 */
import { createSampleHeader, locateSampleHeader } from '../parse/perf-script-header.js';
import { isDigitCode } from '../parse/text-fields.js';
import { PERL_NON_SPACE, PERL_SPACE } from './perl-text.js';

const COMM_AND_ID = new RegExp(
  `^(${PERL_NON_SPACE}[^\\n]+?)${PERL_SPACE}+(\\d+)/*(\\d+)*${PERL_SPACE}+`,
);
const PERIOD_AND_EVENT = new RegExp(
  `:${PERL_SPACE}*(\\d+)*${PERL_SPACE}+(${PERL_NON_SPACE}+):${PERL_SPACE}*$`,
);

/** A sample header as read; one object reused for every line. */
export interface SampleHeaderLine {
  /** Process name as stackcollapse-perf.pl names it: spaces turned into `_`. */
  comm: string;
  /** Event as the line ends with it ("cpu-clock:ppp"), or as econ-trace read it; '' when neither. */
  event: string;
  /** The event was read by stackcollapse-perf.pl's pattern (the line ends with it). */
  eventAtEnd: boolean;
  /** Sample weight: the period, or 1 when the line has none (as stackcollapse-perf.pl). */
  period: number;
  /** The line printed a period. */
  hasPeriod: boolean;
  /** CPU number, -1 when not printed. */
  cpu: number;
  /** Timestamp: whole seconds and the fraction in ns; NaN ns when there is no timestamp. */
  sec: number;
  ns: number;
}

export function createSampleHeaderLine(): SampleHeaderLine {
  return {
    comm: '',
    event: '',
    eventAtEnd: false,
    period: 1,
    hasPeriod: false,
    cpu: -1,
    sec: 0,
    ns: NaN,
  };
}

const located = createSampleHeader();

/**
 * Reads `line` into `out`; false when stackcollapse-perf.pl would not take it for a sample
 * header (then it may still be a frame line).
 */
export function readSampleHeader(line: string, out: SampleHeaderLine): boolean {
  const m = COMM_AND_ID.exec(line);
  if (m === null) return false;
  out.comm = (m[1] ?? '').replaceAll(' ', '_');
  const ev = PERIOD_AND_EVENT.exec(line);
  const timed = locateSampleHeader(line, located);
  out.cpu = timed ? located.cpu : -1;
  out.sec = timed ? located.sec : 0;
  out.ns = timed ? located.ns : NaN;
  if (ev !== null) {
    out.eventAtEnd = true;
    out.event = ev[2] ?? '';
    out.period = readPeriod(ev[1]);
    out.hasPeriod = ev[1] !== undefined;
    return true;
  }
  out.eventAtEnd = false;
  out.period = 1;
  out.hasPeriod = false;
  out.event = timed ? readEventAfter(line, located.after) : '';
  return true;
}

/** Perl's `$period = 1 if not $period`: absent, empty and "0" weigh 1; "00" is a true string. */
function readPeriod(digits: string | undefined): number {
  if (digits === undefined || digits === '' || digits === '0') return 1;
  return Number(digits);
}

/** The event token after the timestamp (and a period, when printed): `net:netif_rx:` -> name. */
function readEventAfter(line: string, from: number): string {
  let i = from;
  while (line.charCodeAt(i) === 0x20) i++;
  let end = tokenEnd(line, i);
  if (end > i && isDigitCode(line.charCodeAt(i)) && isDigitCode(line.charCodeAt(end - 1))) {
    i = end;
    while (line.charCodeAt(i) === 0x20) i++;
    end = tokenEnd(line, i);
  }
  if (end - i < 2 || line.charCodeAt(end - 1) !== 0x3a) return '';
  return line.slice(i, end - 1);
}

function tokenEnd(line: string, from: number): number {
  const space = line.indexOf(' ', from);
  return space === -1 ? line.length : space;
}
