/**
 * Line-level reader for `perf script` text of econ-trace's tracepoints (see
 * perf-script-tracepoints.ts for the format). Collects events into a batch; stack frames and
 * other records are skipped, problems are counted.
 */
import type { TraceEvent } from '../model/event.js';
import type { IngestReason } from '../model/ingest.js';
import type { LineSink } from '../read/split-lines.js';
import { countLineIssue } from './count-line-issue.js';
import { FieldCache } from './field-cache.js';
import { FormatError } from './format-error.js';
import type { ParseContext } from './parse-context.js';
import { createSampleHeader, locateSampleHeader } from './perf-script-header.js';
import { PERF_TRACEPOINTS } from './perf-script-tracepoints-table.js';
import type { TracepointSpec } from './perf-script-tracepoints-table.js';
import { SkbCache } from './skb-cache.js';
import {
  decodeDev,
  hasControlChars,
  isDigitCode,
  parseDecimal,
  parseHexAddress,
} from './text-fields.js';
import { offsetFromOrigin } from './timestamp.js';

const SPACE = 0x20;
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
  private readonly devs = new FieldCache(decodeDev);
  private readonly skbs = new SkbCache();

  constructor(private readonly ctx: ParseContext) {}

  takeBatch(): TraceEvent[] {
    const out = this.batch;
    this.batch = [];
    return out;
  }

  onTooLong(lineNo: number, head: string): void {
    this.ctx.counters.linesRead++;
    this.noteNonEmpty();
    countLineIssue(this.ctx.counters, 'line-too-long', this.ctx.file, lineNo, head, false);
  }

  onLine(text: string, start: number, end: number, lineNo: number, unterminated: boolean): void {
    this.ctx.counters.linesRead++;
    if (end === start) {
      // `perf script -g` separates samples with a blank line.
      this.inRecord = false;
      return;
    }
    this.noteNonEmpty();
    // Callchain frames are tab-indented under their sample; they belong to the record above.
    if (text.charCodeAt(start) === 0x09) {
      this.recognised = true;
      return;
    }
    // perf lines are long and free-form: reading a line of its own keeps the scans in bounds.
    const line = text.slice(start, end);
    const reason = this.readRecord(line);
    if (reason === null) return;
    // Fields that are read are validated, so control bytes (NUL blocks from a crashed write)
    // make a line fail; only then is it worth looking for them. A final line without its
    // newline was most likely cut off mid-write.
    const counted: IngestReason = unterminated
      ? 'truncated-last-line'
      : reason !== 'unsupported-event' && hasControlChars(line)
        ? 'binary-garbage'
        : reason;
    countLineIssue(this.ctx.counters, counted, this.ctx.file, lineNo, line);
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
      `no perf script sample line in the first ${this.nonEmptyLines} non-empty lines`,
      'check the events format named in manifest.json (bpftrace-csv or perf-script)',
    );
  }

  /** Reads a record's header line; returns why not when it cannot. */
  private readRecord(line: string): IngestReason | null {
    const h = this.header;
    if (!locateSampleHeader(line, h)) {
      // Frames printed with spaces only (no tab) are told from samples by having no header.
      if (this.inRecord && isFrameLine(line)) return null;
      if (this.readLost(line)) return null;
      this.inRecord = false;
      return 'malformed-line';
    }
    this.recognised = true;
    this.inRecord = true;
    let i = skipSpaces(line, h.after);
    let tokenEnd = tokenEndAt(line, i);
    // Samples of counting events (cpu-clock) print their period before the event name.
    if (allDigits(line, i, tokenEnd)) {
      i = skipSpaces(line, tokenEnd);
      tokenEnd = tokenEndAt(line, i);
    }
    if (line.startsWith('PERF_RECORD_', i)) return this.readLost(line) ? null : 'unsupported-event';
    if (tokenEnd - i < 2 || line.charCodeAt(tokenEnd - 1) !== 0x3a) return 'malformed-line';
    const spec = PERF_TRACEPOINTS.get(line.slice(i, tokenEnd - 1));
    // Its stack frames, if any, follow and are skipped with it: one count per record.
    if (spec === undefined) return 'unsupported-event';
    if (Number.isNaN(h.ns)) return 'bad-number';
    return this.readFields(line, tokenEnd, spec);
  }

  /** The `key=value` trace fields after the event name. */
  private readFields(line: string, from: number, spec: TracepointSpec): IngestReason | null {
    let dev: string | null = '';
    let skb: string | null = '';
    let lenBytes = -1;
    let segs = 0;
    let proto = -1;
    const end = line.length;
    let i = from;
    while (i < end) {
      i = skipSpaces(line, i);
      const tokenEnd = tokenEndAt(line, i);
      let eq = i;
      while (eq < tokenEnd && line.charCodeAt(eq) !== 0x3d) eq++;
      if (eq < tokenEnd) {
        const v = eq + 1;
        const key = eq - i;
        if (spec.dev && key === 3 && line.startsWith('dev', i))
          dev = this.devs.get(line, v, tokenEnd);
        else if (spec.skb && key === 7 && line.startsWith('skbaddr', i))
          skb = this.skbs.get(line, v, tokenEnd);
        else if (spec.len && key === 3 && line.startsWith('len', i))
          lenBytes = parseDecimal(line, v, tokenEnd);
        else if (spec.segs && key === 8 && line.startsWith('gso_segs', i))
          segs = parseDecimal(line, v, tokenEnd);
        else if (spec.proto && key === 8 && line.startsWith('protocol', i))
          proto = parseProtocol(line, v, tokenEnd);
      }
      i = tokenEnd;
    }
    if (skb === null || dev === null || Number.isNaN(lenBytes + segs + proto)) return 'bad-number';
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
  private readLost(line: string): boolean {
    const at = line.indexOf('PERF_RECORD_LOST');
    if (at === -1) return false;
    this.recognised = true;
    this.inRecord = true;
    const lostAt = line.indexOf(' lost ', at);
    if (lostAt === -1) {
      this.ctx.counters.lostEvents += 1;
      return true;
    }
    const from = lostAt + ' lost '.length;
    const lost = parseDecimal(line, from, tokenEndAt(line, from));
    if (Number.isNaN(lost)) return false;
    this.ctx.counters.lostEvents += lost;
    return true;
  }
}

function skipSpaces(line: string, i: number): number {
  while (line.charCodeAt(i) === SPACE) i++;
  return i;
}

function tokenEndAt(line: string, i: number): number {
  const space = line.indexOf(' ', i);
  return space === -1 ? line.length : space;
}

function allDigits(line: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isDigitCode(line.charCodeAt(i))) return false;
  return end > start;
}

/** A callchain frame printed with spaces only: `<hex address> <symbol> (<dso>)`. */
function isFrameLine(line: string): boolean {
  const i = skipSpaces(line, 0);
  const tokenEnd = tokenEndAt(line, i);
  return i > 0 && tokenEnd > i && parseHexAddress(line, i, tokenEnd) !== null;
}

/** sock:sk_data_ready prints the number; some kernels print the IPPROTO_ name instead. */
function parseProtocol(line: string, start: number, end: number): number {
  const value = line.slice(start, end);
  if (value === 'IPPROTO_TCP') return 6;
  if (value === 'IPPROTO_UDP') return 17;
  return parseDecimal(line, start, end);
}
