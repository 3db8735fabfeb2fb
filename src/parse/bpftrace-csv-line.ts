/**
 * Line-level reader for the bpftrace-csv format (docs/run-folder.md, written by the scripts in
 * bpftrace/ with printf). It receives byte views from LineSplitter and collects events into a
 * batch; every line that is not an event is either a known non-event (header, bpftrace's
 * `Attaching N probes...` banner, `Lost N events`, blank lines bpftrace prints on exit) or a
 * counted skip with its reason.
 */
import { isProbePoint } from '../model/event.js';
import type { TraceEvent } from '../model/event.js';
import type { IngestReason } from '../model/ingest.js';
import type { LineSink } from '../read/split-lines.js';
import { ByteInterner } from './byte-interner.js';
import { BPFTRACE_CSV_COLUMNS, BPFTRACE_CSV_HEADER } from './bpftrace-csv-format.js';
import {
  bytesEqual,
  bytesStartWith,
  isDigit,
  parseDecimal,
  parseHexAddress,
  parseSignedDecimal,
} from './bytes.js';
import { countLineIssue } from './count-line-issue.js';
import { FormatError } from './format-error.js';
import type { ParseContext } from './parse-context.js';
import { offsetFromOrigin } from './timestamp.js';

const COMMA = 0x2c;
/** u64 ns has at most 20 decimal digits. */
const MAX_TS_DIGITS = 20;
const LAST_COMMA = BPFTRACE_CSV_COLUMNS - 2;

export class BpftraceCsvLineReader implements LineSink {
  batch: TraceEvent[] = [];
  private headerSeen = false;
  /** Comma positions of the current line (reused: no per-line allocation). */
  private readonly commas = new Int32Array(BPFTRACE_CSV_COLUMNS - 1);
  private readonly points = new ByteInterner((b, s, e) => {
    const name = b.toString('latin1', s, e);
    return isProbePoint(name) ? name : null;
  });
  private readonly devs = new ByteInterner((b, s, e) => b.toString('utf8', s, e));
  private readonly addrs = new ByteInterner(decodeIpv4);

  constructor(private readonly ctx: ParseContext) {}

  takeBatch(): TraceEvent[] {
    const out = this.batch;
    this.batch = [];
    return out;
  }

  onTooLong(lineNo: number, head: string): void {
    this.ctx.counters.linesRead++;
    const text = head;
    countLineIssue(
      this.ctx.counters,
      'line-too-long',
      this.ctx.file,
      lineNo,
      Buffer.from(text),
      0,
      text.length,
    );
  }

  onLine(buf: Buffer, start: number, end: number, lineNo: number, unterminated: boolean): void {
    this.ctx.counters.linesRead++;
    if (end === start) return;
    if (this.headerSeen && isDigit(buf[start])) {
      this.readEvent(buf, start, end, lineNo, unterminated);
      return;
    }
    if (bytesStartWith(buf, start, end, 'Attaching ')) return;
    if (bytesEqual(buf, start, end, BPFTRACE_CSV_HEADER)) {
      this.headerSeen = true;
      return;
    }
    if (!this.headerSeen) {
      throw new FormatError(
        this.ctx.file,
        `line ${lineNo} is not the bpftrace-csv header "${BPFTRACE_CSV_HEADER}"`,
        'check the events format named in manifest.json (bpftrace-csv or perf-script)',
      );
    }
    if (bytesStartWith(buf, start, end, 'Lost ') && this.readLost(buf, start, end)) return;
    this.skip(unterminated ? 'truncated-last-line' : 'malformed-line', buf, start, end, lineNo);
  }

  /** bpftrace prints `Lost 123 events` when its perf ring buffer overflowed. */
  private readLost(buf: Buffer, start: number, end: number): boolean {
    const from = start + 'Lost '.length;
    const space = buf.indexOf(0x20, from);
    if (space === -1 || space >= end || !bytesEqual(buf, space, end, ' events')) return false;
    const lost = parseDecimal(buf, from, space);
    if (Number.isNaN(lost)) return false;
    this.ctx.counters.lostEvents += lost;
    return true;
  }

  private skip(
    reason: IngestReason,
    buf: Buffer,
    start: number,
    end: number,
    lineNo: number,
  ): void {
    countLineIssue(this.ctx.counters, reason, this.ctx.file, lineNo, buf, start, end);
  }

  private readEvent(
    buf: Buffer,
    start: number,
    end: number,
    lineNo: number,
    unterminated: boolean,
  ): void {
    const reason = this.tryReadEvent(buf, start, end);
    if (reason !== null) {
      // A final line without its newline was most likely cut off mid-write (tracer killed).
      this.skip(unterminated ? 'truncated-last-line' : reason, buf, start, end, lineNo);
    }
  }

  /** Reads one event line into the batch; returns why not when it cannot. */
  private tryReadEvent(buf: Buffer, start: number, end: number): IngestReason | null {
    const commas = this.commas;
    let n = 0;
    let garbage = false;
    for (let i = start; i < end; i++) {
      const c = buf[i]!;
      if (c === COMMA) {
        if (n <= LAST_COMMA) commas[n] = i;
        n++;
      } else if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
        garbage = true;
      }
    }
    if (garbage) return 'binary-garbage';
    if (n < LAST_COMMA + 1) return 'missing-columns';
    if (n > LAST_COMMA + 1) return 'extra-columns';

    const tsEnd = commas[0]!;
    const tsDigits = tsEnd - start;
    if (tsDigits > MAX_TS_DIGITS) return 'bad-number';
    // Split at the ninth digit from the right: whole seconds and ns, both exact.
    const fracStart = Math.max(start, tsEnd - 9);
    const sec = fracStart > start ? parseDecimal(buf, start, fracStart) : 0;
    const ns = parseDecimal(buf, fracStart, tsEnd);

    const point = this.points.intern(buf, commas[1]! + 1, commas[2]!);
    if (point === null || !isProbePoint(point)) return 'unknown-point';

    const cpu = readOptional(buf, commas[0]! + 1, commas[1]!);
    const dev = this.devs.intern(buf, commas[2]! + 1, commas[3]!) ?? '';
    const skbStart = commas[3]! + 1;
    const skbEnd = commas[4]!;
    const skb = skbEnd === skbStart ? '' : parseHexAddress(buf, skbStart, skbEnd);
    const lenBytes = readOptional(buf, commas[4]! + 1, commas[5]!);
    const hash = readOptional(buf, commas[5]! + 1, commas[6]!);
    const saddr = this.readAddr(buf, commas[6]! + 1, commas[7]!);
    const daddr = this.readAddr(buf, commas[7]! + 1, commas[8]!);
    const sport = readOptional(buf, commas[8]! + 1, commas[9]!);
    const dport = readOptional(buf, commas[9]! + 1, commas[10]!);
    const proto = readOptional(buf, commas[10]! + 1, commas[11]!);
    const segsStart = commas[11]! + 1;
    const segsEnd = commas[12]!;
    const segs = segsEnd === segsStart ? 0 : parseDecimal(buf, segsStart, segsEnd);
    const retStart = commas[12]! + 1;
    const ret = end === retStart ? null : parseSignedDecimal(buf, retStart, end);

    if (
      Number.isNaN(sec + ns + cpu + lenBytes + hash + sport + dport + proto + segs) ||
      skb === null ||
      saddr === null ||
      daddr === null ||
      (ret !== null && Number.isNaN(ret))
    ) {
      return 'bad-number';
    }
    const tsNs = offsetFromOrigin(this.ctx.origin, sec, ns);
    if (Number.isNaN(tsNs)) return 'bad-number';

    this.batch.push({
      tsNs,
      cpu,
      point,
      dev,
      skb,
      lenBytes,
      hash,
      saddr,
      daddr,
      sport,
      dport,
      proto,
      segs,
      ret,
    });
    this.ctx.counters.eventsAccepted++;
    return null;
  }

  private readAddr(buf: Buffer, start: number, end: number): string | null {
    return end === start ? '' : this.addrs.intern(buf, start, end);
  }
}

/** An optional unsigned number: empty is unknown (-1), anything else must be digits (else NaN). */
function readOptional(buf: Buffer, start: number, end: number): number {
  return end === start ? -1 : parseDecimal(buf, start, end);
}

/** Dotted-quad IPv4 address, validated; null when not one. */
function decodeIpv4(buf: Buffer, start: number, end: number): string | null {
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 0x2e : buf[i]!;
    if (c === 0x2e) {
      if (digits === 0 || value > 255) return null;
      parts++;
      value = 0;
      digits = 0;
    } else if (isDigit(c) && digits < 3) {
      value = value * 10 + (c - 0x30);
      digits++;
    } else {
      return null;
    }
  }
  return parts === 4 ? buf.toString('latin1', start, end) : null;
}
