/**
 * The bpftrace-csv event format (docs/run-folder.md): its header and how to write one event, so
 * generators and tests produce exactly what econ-trace's bpftrace scripts print.
 */
import type { TraceEvent } from '../model/event.js';
import { NS_PER_SEC } from './timestamp.js';

/** The header line, without its newline. Readers require it exactly. */
export const BPFTRACE_CSV_HEADER =
  'ts_ns,cpu,point,dev,skb,len,hash,saddr,daddr,sport,dport,proto,segs,ret';

/** Number of columns in every event line. */
export const BPFTRACE_CSV_COLUMNS = 14;

/**
 * One event as a CSV line (no newline). `originSec` is the run's ClockOrigin.originSec; the
 * absolute timestamp is rebuilt exactly from it and the event's offset. Unknown fields (the
 * sentinels of EMPTY_EVENT) are written empty. A dev containing a comma cannot be written.
 */
export function formatBpftraceCsvLine(ev: TraceEvent, originSec: number): string {
  return [
    formatAbsoluteTs(originSec, ev.tsNs),
    unknownIfNegative(ev.cpu),
    ev.point,
    ev.dev,
    ev.skb,
    unknownIfNegative(ev.lenBytes),
    unknownIfNegative(ev.hash),
    ev.saddr,
    ev.daddr,
    unknownIfNegative(ev.sport),
    unknownIfNegative(ev.dport),
    unknownIfNegative(ev.proto),
    ev.segs === 0 ? '' : String(ev.segs),
    ev.ret === null ? '' : String(ev.ret),
  ].join(',');
}

function unknownIfNegative(value: number): string {
  return value < 0 ? '' : String(value);
}

/** originSec s + offset ns as one decimal integer, without going through an inexact double. */
function formatAbsoluteTs(originSec: number, tsNs: number): string {
  const wholeSec = Math.floor(tsNs / NS_PER_SEC);
  const sec = originSec + wholeSec;
  const ns = tsNs - wholeSec * NS_PER_SEC;
  if (sec < 0) throw new RangeError(`timestamp before the clock's zero: ${sec}s + ${ns}ns`);
  return sec === 0 ? String(ns) : `${sec}${String(ns).padStart(9, '0')}`;
}
