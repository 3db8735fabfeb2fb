/**
 * Line-level reader for `perf script` text of econ-trace's tracepoints (see
 * perf-script-tracepoints.ts for the format). Collects events into a batch; stack frames and
 * other records are skipped, problems are counted.
 */
import type { TraceEvent } from '../model/event.js';
import type { IngestReason } from '../model/ingest.js';
import type { LineSink } from '../read/split-lines.js';
import { ByteInterner } from './byte-interner.js';
import {
  bytesEqual,
  bytesStartWith,
  hasControlBytes,
  isDigit,
  parseDecimal,
  parseHexAddress,
} from './bytes.js';
import { countLineIssue } from './count-line-issue.js';
import { FormatError } from './format-error.js';
import type { ParseContext } from './parse-context.js';
import { createSampleHeader, locateSampleHeader } from './perf-script-header.js';
import { PERF_TRACEPOINTS } from './perf-script-tracepoints-table.js';
import type { TracepointSpec } from './perf-script-tracepoints-table.js';
import { offsetFromOrigin } from './timestamp.js';

const SPACE = 0x20;
const TAB = 0x09;
/** Non-empty lines read before deciding the file is not perf script at all. */
export const PERF_DETECT_LINES = 50;

export class PerfScriptLineReader implements LineSink {
  batch: TraceEvent[] = [];
  /** Some line looked like perf script output. */
  private recognised = false;
  private nonEmptyLines = 0;
  /** Frame lines that follow belong to a record already handled (or counted). */
  private inRecord = false;
  private readonly header = createSampleHeader();
  private readonly events = new ByteInterner((b, s, e) => b.toString('latin1', s, e), 1024);
  private readonly devs = new ByteInterner((b, s, e) => b.toString('utf8', s, e));

  constructor(private readonly ctx: ParseContext) {}

  takeBatch(): TraceEvent[] {
    const out = this.batch;
    this.batch = [];
    return out;
  }

  onTooLong(lineNo: number, head: string): void {
    this.ctx.counters.linesRead++;
    this.noteNonEmpty();
    const bytes = Buffer.from(head);
    countLineIssue(
      this.ctx.counters,
      'line-too-long',
      this.ctx.file,
      lineNo,
      bytes,
      0,
      bytes.length,
    );
  }

  onLine(buf: Buffer, start: number, end: number, lineNo: number, unterminated: boolean): void {
    this.ctx.counters.linesRead++;
    if (end === start) {
      // `perf script -g` separates samples with a blank line.
      this.inRecord = false;
      return;
    }
    this.noteNonEmpty();
    // Callchain frames are tab-indented under their sample; they belong to the record above.
    if (buf[start] === TAB) {
      this.recognised = true;
      return;
    }
    const reason = this.readRecord(buf, start, end);
    if (reason === null) return;
    const counted: IngestReason = unterminated ? 'truncated-last-line' : reason;
    countLineIssue(this.ctx.counters, counted, this.ctx.file, lineNo, buf, start, end);
  }

  /** Throws FormatError when the whole input held nothing perf script prints. */
  finish(): void {
    if (this.nonEmptyLines > 0 && !this.recognised) this.refuse();
  }

  private noteNonEmpty(): void {
    this.nonEmptyLines++;
    if (this.nonEmptyLines >= PERF_DETECT_LINES && !this.recognised) this.refuse();
  }

  private refuse(): never {
    throw new FormatError(
      this.ctx.file,
      `no perf script sample line in the first ${Math.min(this.nonEmptyLines, PERF_DETECT_LINES)} non-empty lines`,
      'check the events format named in manifest.json (bpftrace-csv or perf-script)',
    );
  }

  /** Reads a record header line; returns why not when it cannot. */
  private readRecord(buf: Buffer, start: number, end: number): IngestReason | null {
    if (hasControlBytes(buf, start, end)) return 'binary-garbage';
    const h = this.header;
    if (!locateSampleHeader(buf, start, end, h)) {
      // Frames printed with spaces only (no tab) are told from samples by having no header.
      if (this.inRecord && isFrameLine(buf, start, end)) return null;
      if (this.readLost(buf, start, end)) return null;
      this.inRecord = false;
      return 'malformed-line';
    }
    this.recognised = true;
    this.inRecord = true;
    let i = skipSpaces(buf, h.after, end);
    // Samples of counting events print their period before the event name.
    let tokenEnd = tokenEndAt(buf, i, end);
    if (isDigit(buf[i]) && allDigits(buf, i, tokenEnd)) {
      i = skipSpaces(buf, tokenEnd, end);
      tokenEnd = tokenEndAt(buf, i, end);
    }
    if (bytesStartWith(buf, i, tokenEnd, 'PERF_RECORD_')) {
      return this.readLost(buf, i, end) ? null : 'unsupported-event';
    }
    if (tokenEnd - i < 2 || buf[tokenEnd - 1] !== 0x3a) return 'malformed-line';
    const name = this.events.intern(buf, i, tokenEnd - 1);
    const spec = name === null ? undefined : PERF_TRACEPOINTS.get(name);
    // Its stack frames, if any, follow and are skipped with it: one count per record.
    if (spec === undefined) return 'unsupported-event';
    if (Number.isNaN(h.ns)) return 'bad-number';
    return this.readFields(buf, tokenEnd, end, spec);
  }

  /** The `key=value` trace fields after the event name. */
  private readFields(
    buf: Buffer,
    from: number,
    end: number,
    spec: TracepointSpec,
  ): IngestReason | null {
    let dev = '';
    let skb: string | null = '';
    let lenBytes = -1;
    let segs = 0;
    let proto = -1;
    let i = from;
    while (i < end) {
      i = skipSpaces(buf, i, end);
      const tokenEnd = tokenEndAt(buf, i, end);
      let eq = i;
      while (eq < tokenEnd && buf[eq] !== 0x3d) eq++;
      if (eq < tokenEnd) {
        const v = eq + 1;
        if (spec.dev && bytesEqual(buf, i, eq, 'dev'))
          dev = this.devs.intern(buf, v, tokenEnd) ?? '';
        else if (spec.skb && bytesEqual(buf, i, eq, 'skbaddr'))
          skb = parseHexAddress(buf, v, tokenEnd);
        else if (spec.len && bytesEqual(buf, i, eq, 'len'))
          lenBytes = parseDecimal(buf, v, tokenEnd);
        else if (spec.segs && bytesEqual(buf, i, eq, 'gso_segs'))
          segs = parseDecimal(buf, v, tokenEnd);
        else if (spec.proto && bytesEqual(buf, i, eq, 'protocol'))
          proto = parseProtocol(buf, v, tokenEnd);
      }
      i = tokenEnd;
    }
    if (skb === null || Number.isNaN(lenBytes + segs + proto)) return 'bad-number';
    const tsNs = offsetFromOrigin(this.ctx.origin, this.header.sec, this.header.ns);
    if (Number.isNaN(tsNs)) return 'bad-number';
    this.batch.push({
      tsNs,
      cpu: this.header.cpu,
      point: spec.point,
      dev,
      skb,
      lenBytes,
      hash: -1,
      saddr: '',
      daddr: '',
      sport: -1,
      dport: -1,
      proto,
      segs,
      ret: null,
    });
    this.ctx.counters.eventsAccepted++;
    return null;
  }

  /**
   * `perf script --show-lost-events` prints lost records through perf_event__fprintf
   * (tools/perf/util/event.c at v6.1): `PERF_RECORD_LOST lost <n>`, after the usual sample
   * header when the record has one. PERF_RECORD_LOST_SAMPLES prints no count there: such a
   * line still means at least one event was lost, so it adds 1.
   */
  private readLost(buf: Buffer, start: number, end: number): boolean {
    const line = buf.subarray(start, end);
    const at = line.indexOf('PERF_RECORD_LOST');
    if (at === -1) return false;
    this.recognised = true;
    this.inRecord = true;
    const lostAt = line.indexOf(' lost ', at);
    if (lostAt === -1) {
      this.ctx.counters.lostEvents += 1;
      return true;
    }
    const from = start + lostAt + ' lost '.length;
    const lost = parseDecimal(buf, from, tokenEndAt(buf, from, end));
    if (Number.isNaN(lost)) return false;
    this.ctx.counters.lostEvents += lost;
    return true;
  }
}

function skipSpaces(buf: Buffer, i: number, end: number): number {
  while (i < end && buf[i] === SPACE) i++;
  return i;
}

function tokenEndAt(buf: Buffer, i: number, end: number): number {
  while (i < end && buf[i] !== SPACE) i++;
  return i;
}

function allDigits(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isDigit(buf[i])) return false;
  return end > start;
}

/** A callchain frame printed with spaces only: `<hex address> <symbol> (<dso>)`. */
function isFrameLine(buf: Buffer, start: number, end: number): boolean {
  const i = skipSpaces(buf, start, end);
  const tokenEnd = tokenEndAt(buf, i, end);
  return i > start && tokenEnd > i && parseHexAddress(buf, i, tokenEnd) !== null;
}

/** sock:sk_data_ready prints the number; some kernels print the IPPROTO_ name instead. */
function parseProtocol(buf: Buffer, start: number, end: number): number {
  if (bytesEqual(buf, start, end, 'IPPROTO_TCP')) return 6;
  if (bytesEqual(buf, start, end, 'IPPROTO_UDP')) return 17;
  return parseDecimal(buf, start, end);
}
