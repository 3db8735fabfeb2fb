/**
 * Line-level reader for the bpftrace-csv format (docs/run-folder.md, written by the scripts in
 * bpftrace/ with printf). It receives lines from LineSplitter and collects events into a batch
 * of columns (event-columns.ts);
 * every line that is not an event is either a known non-event (header, bpftrace's
 * `Attaching N probes...` banner, `Lost N events`, blank lines bpftrace prints on exit) or a
 * counted skip with its reason.
 */
import { PROBE_POINTS } from '../model/event.js';
import type { TraceEvent } from '../model/event.js';
import type { IngestReason } from '../model/ingest.js';
import type { LineSink } from '../read/split-lines.js';
import { BPFTRACE_CSV_COLUMNS, BPFTRACE_CSV_HEADER } from './bpftrace-csv-format.js';
import { countLineIssue } from './count-line-issue.js';
import { EventLineScanner } from './bpftrace-csv-scan.js';
import { EventColumns } from './event-columns.js';
import { FieldCache } from './field-cache.js';
import { FormatError } from './format-error.js';
import type { ParseContext } from './parse-context.js';
import { MAX_NAMES } from './name-table.js';
import { readSkbBytes, type SkbValue } from './skb-cache.js';
import { decimalAt, optionalDecimalAt, signedDecimalAt } from './byte-fields.js';
import { decodeDev, hasControlChars, isDigitCode, parseDecimal } from './text-fields.js';
import { offsetFromOrigin } from './timestamp.js';

/** u64 ns has at most 20 decimal digits. */
const MAX_TS_DIGITS = 20;
const SEPARATORS = BPFTRACE_CSV_COLUMNS - 1;

export class BpftraceCsvLineReader implements LineSink {
  /** Events read since the last takeBatch / clear. */
  readonly columns = new EventColumns();
  private headerSeen = false;
  /** Comma positions of the current line (reused: no per-line allocation). */
  private readonly commas = new Int32Array(SEPARATORS);
  private readonly points = new FieldCache(decodePoint);
  // Texts become ids of the batch's name table (-1: not a valid value).
  private readonly devs = new FieldCache((raw) => {
    const dev = decodeDev(raw);
    return dev === null ? -1 : this.columns.names.intern(dev);
  });
  private readonly addrs = new FieldCache((raw) =>
    isIpv4(raw) ? this.columns.names.intern(raw) : -1,
  );
  private readonly skb: SkbValue = { hi: 0, lo: 0, digits: 0 };
  private readonly scanner: EventLineScanner | null;

  /**
   * @param singlePass read ordinary event lines in one pass (bpftrace-csv-scan.ts) before the
   * field-by-field reading here; false only for tests that compare the two.
   */
  constructor(
    private readonly ctx: ParseContext,
    singlePass = true,
  ) {
    this.scanner = singlePass
      ? new EventLineScanner(
          ctx,
          { points: this.points, devs: this.devs, addrs: this.addrs },
          this.columns,
        )
      : null;
  }

  /** The batch as event objects; empties it. */
  takeBatch(): TraceEvent[] {
    const out = this.columns.toEvents();
    this.clearBatch();
    return out;
  }

  /**
   * Empties the batch once its consumer is done with it. A name table grown past MAX_NAMES
   * starts afresh here, between batches, so every id in one batch means one text.
   */
  clearBatch(): void {
    this.columns.clear();
    if (this.columns.names.size <= MAX_NAMES) return;
    this.columns.names.reset();
    this.devs.clear();
    this.addrs.clear();
  }

  onTooLong(lineNo: number, head: string): void {
    this.ctx.counters.linesRead++;
    countLineIssue(this.ctx.counters, 'line-too-long', this.ctx.file, lineNo, head, false);
  }

  onLine(
    text: string,
    start: number,
    end: number,
    lineNo: number,
    unterminated: boolean,
    bytes: Uint8Array,
  ): void {
    this.ctx.counters.linesRead++;
    if (end === start) return;
    if (this.headerSeen && isDigitCode(bytes[start] as number)) {
      if (this.scanner?.read(text, bytes, start, end) === true) return;
      const reason = this.readEvent(text, bytes, start, end);
      if (reason !== null) this.skip(reason, text.slice(start, end), lineNo, unterminated);
      return;
    }
    const line = text.slice(start, end);
    if (line.startsWith('Attaching ')) return;
    if (line === BPFTRACE_CSV_HEADER) {
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
    if (line.startsWith('Lost ') && this.readLost(line)) return;
    this.skip('malformed-line', line, lineNo, unterminated);
  }

  /** bpftrace prints `Lost 123 events` when its perf ring buffer overflowed. */
  private readLost(line: string): boolean {
    const space = line.indexOf(' ', 5);
    if (space === -1 || line.slice(space) !== ' events') return false;
    const lost = parseDecimal(line, 5, space);
    if (Number.isNaN(lost)) return false;
    this.ctx.counters.lostEvents += lost;
    return true;
  }

  /**
   * Every field but dev is validated, so control bytes (NUL blocks from a crashed write, binary
   * data) make a line fail; only then is it worth looking for them.
   */
  private skip(reason: IngestReason, line: string, lineNo: number, unterminated: boolean): void {
    // A final line without its newline was most likely cut off mid-write (tracer killed).
    const counted: IngestReason = unterminated
      ? 'truncated-last-line'
      : hasControlChars(line)
        ? 'binary-garbage'
        : reason;
    countLineIssue(this.ctx.counters, counted, this.ctx.file, lineNo, line);
  }

  /** Reads one event line into the batch; returns why not when it cannot. */
  private readEvent(
    text: string,
    bytes: Uint8Array,
    start: number,
    end: number,
  ): IngestReason | null {
    // One pass over the line's bytes for its commas: cheaper than indexOf per field, and linear
    // even for a run of lines with too few columns.
    const c = this.commas;
    let n = 0;
    for (let i = start; i < end; i++) {
      if (bytes[i] !== 0x2c) continue;
      if (n === SEPARATORS) return 'extra-columns';
      c[n++] = i;
    }
    if (n < SEPARATORS) return 'missing-columns';

    const tsEnd = c[0]!;
    if (tsEnd - start > MAX_TS_DIGITS) return 'bad-number';
    // Split at the ninth digit from the right: whole seconds and ns, both exact.
    const fracStart = tsEnd - start > 9 ? tsEnd - 9 : start;
    const sec = fracStart > start ? decimalAt(bytes, start, fracStart) : 0;
    const ns = decimalAt(bytes, fracStart, tsEnd);

    const point = this.points.getBytes(bytes, text, c[1]! + 1, c[2]!);
    if (point < 0) return 'unknown-point';

    const cpu = optionalDecimalAt(bytes, c[0]! + 1, c[1]!);
    const dev = c[3]! === c[2]! + 1 ? 0 : this.devs.getBytes(bytes, text, c[2]! + 1, c[3]!);
    const skb = this.skb;
    if (c[4]! === c[3]! + 1) skb.digits = 0;
    else if (!readSkbBytes(bytes, c[3]! + 1, c[4]!, skb)) skb.digits = -1;
    const lenBytes = optionalDecimalAt(bytes, c[4]! + 1, c[5]!);
    const hash = optionalDecimalAt(bytes, c[5]! + 1, c[6]!);
    const saddr = c[7]! === c[6]! + 1 ? 0 : this.addrs.getBytes(bytes, text, c[6]! + 1, c[7]!);
    const daddr = c[8]! === c[7]! + 1 ? 0 : this.addrs.getBytes(bytes, text, c[7]! + 1, c[8]!);
    const sport = optionalDecimalAt(bytes, c[8]! + 1, c[9]!);
    const dport = optionalDecimalAt(bytes, c[9]! + 1, c[10]!);
    const proto = optionalDecimalAt(bytes, c[10]! + 1, c[11]!);
    const segs = c[12]! === c[11]! + 1 ? 0 : decimalAt(bytes, c[11]! + 1, c[12]!);
    const ret = end === c[12]! + 1 ? null : signedDecimalAt(bytes, c[12]! + 1, end);

    if (
      Number.isNaN(sec + ns + cpu + lenBytes + hash + sport + dport + proto + segs) ||
      skb.digits < 0 ||
      dev < 0 ||
      saddr < 0 ||
      daddr < 0 ||
      (ret !== null && Number.isNaN(ret))
    ) {
      return 'bad-number';
    }
    const tsNs = offsetFromOrigin(this.ctx.origin, sec, ns);
    if (Number.isNaN(tsNs)) return 'bad-number';
    const out = this.columns;
    const i = out.reserve();
    out.tsNs[i] = tsNs;
    out.cpu[i] = cpu;
    out.point[i] = point;
    out.dev[i] = dev;
    out.skbDigits[i] = skb.digits;
    out.skbHi[i] = skb.hi;
    out.skbLo[i] = skb.lo;
    out.lenBytes[i] = lenBytes;
    out.hash[i] = hash;
    out.saddr[i] = saddr;
    out.daddr[i] = daddr;
    out.sport[i] = sport;
    out.dport[i] = dport;
    out.proto[i] = proto;
    out.segs[i] = segs;
    out.ret[i] = ret === null ? NaN : ret;
    out.n = i + 1;
    this.ctx.counters.eventsAccepted++;
    return null;
  }
}

/** Index of a probe point name in PROBE_POINTS; -1 when econ-trace does not know it. */
function decodePoint(raw: string): number {
  return PROBE_POINTS.findIndex((p) => p === raw);
}

/** Dotted-quad IPv4 address, each part 0-255 without sign or spaces. */
function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
