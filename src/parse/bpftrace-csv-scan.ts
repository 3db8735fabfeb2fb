/**
 * Single-pass reading of an ordinary bpftrace-csv event line: each field is read in the same
 * walk over the bytes that finds its comma. The full line reader (bpftrace-csv-line.ts) first
 * finds every comma and then reads each field, touching most bytes twice; on the parser's hot
 * path that second pass measured about a third of its time.
 *
 * This reader only ever accepts: a line it is not sure of (a field it cannot read, a 0x prefix,
 * more than 15 digits, too few or too many columns) is left to the full reader, which decides
 * what the line is and counts why it is skipped. For every line it accepts it stores exactly
 * what the full reader would, so the two agree event for event (test/parse holds it to that).
 */
import type { EventColumns } from './event-columns.js';
import type { FieldCache } from './field-cache.js';
import type { ParseContext } from './parse-context.js';
import { NS_PER_SEC, offsetFromOrigin } from './timestamp.js';

const COMMA = 0x2c;
const MINUS = 0x2d;
/** Digits of an exact JavaScript integer, as the full reader allows per number field. */
const MAX_DIGITS = 15;

export interface ScanCaches {
  points: FieldCache<number>;
  devs: FieldCache<number>;
  addrs: FieldCache<number>;
}

export class EventLineScanner {
  /** Where the field just read stopped: its comma, or -1 when it could not be read. */
  private at = 0;
  /** Value of the number field just read (of an skb address: its last 8 digits). */
  private value = 0;
  /** Digits before the last 8 of the skb address just read. */
  private skbHi = 0;

  constructor(
    private readonly ctx: ParseContext,
    private readonly caches: ScanCaches,
    private readonly columns: EventColumns,
  ) {}

  /** Adds the event in bytes[start, end) to the batch; false leaves the line to the full reader. */
  read(text: string, bytes: Uint8Array, start: number, end: number): boolean {
    if (!this.number(bytes, start, end) || this.at === start) return false;
    const ts = this.value;
    // Whole seconds and ns, as the full reader splits them at the ninth digit from the right.
    // Exact: ts is an integer below 10^15, so the quotient is not rounded across an integer.
    const sec = Math.floor(ts / NS_PER_SEC);
    const ns = ts - sec * NS_PER_SEC;

    let from = this.at + 1;
    if (!this.number(bytes, from, end)) return false;
    const cpu = this.optional(from);
    from = this.at + 1;

    const { points, devs, addrs } = this.caches;
    let comma = points.scanToComma(bytes, from, end);
    if (comma < 0) return false;
    const point = points.getScanned(bytes, text, from, comma);
    if (point < 0) return false;

    from = comma + 1;
    comma = devs.scanToComma(bytes, from, end);
    if (comma < 0) return false;
    const dev = comma === from ? 0 : devs.getScanned(bytes, text, from, comma);
    if (dev < 0) return false;

    from = comma + 1;
    if (!this.skb(bytes, from, end)) return false;
    const skbDigits = this.at - from;
    const skbHi = this.skbHi;
    const skbLo = this.value;

    from = this.at + 1;
    if (!this.number(bytes, from, end)) return false;
    const lenBytes = this.optional(from);
    from = this.at + 1;
    if (!this.number(bytes, from, end)) return false;
    const hash = this.optional(from);

    from = this.at + 1;
    comma = addrs.scanToComma(bytes, from, end);
    if (comma < 0) return false;
    const saddr = comma === from ? 0 : addrs.getScanned(bytes, text, from, comma);
    if (saddr < 0) return false;
    from = comma + 1;
    comma = addrs.scanToComma(bytes, from, end);
    if (comma < 0) return false;
    const daddr = comma === from ? 0 : addrs.getScanned(bytes, text, from, comma);
    if (daddr < 0) return false;

    from = comma + 1;
    if (!this.number(bytes, from, end)) return false;
    const sport = this.optional(from);
    from = this.at + 1;
    if (!this.number(bytes, from, end)) return false;
    const dport = this.optional(from);
    from = this.at + 1;
    if (!this.number(bytes, from, end)) return false;
    const proto = this.optional(from);
    from = this.at + 1;
    if (!this.number(bytes, from, end)) return false;
    const segs = this.at === from ? 0 : this.value;

    const ret = this.lastNumber(bytes, this.at + 1, end);
    if (ret === undefined) return false;

    const tsNs = offsetFromOrigin(this.ctx.origin, sec, ns);
    if (Number.isNaN(tsNs)) return false;
    const out = this.columns;
    const i = out.reserve();
    out.tsNs[i] = tsNs;
    out.cpu[i] = cpu;
    out.point[i] = point;
    out.dev[i] = dev;
    out.skbDigits[i] = skbDigits;
    out.skbHi[i] = skbHi;
    out.skbLo[i] = skbLo;
    out.lenBytes[i] = lenBytes;
    out.hash[i] = hash;
    out.saddr[i] = saddr;
    out.daddr[i] = daddr;
    out.sport[i] = sport;
    out.dport[i] = dport;
    out.proto[i] = proto;
    out.segs[i] = segs;
    out.ret[i] = ret;
    out.n = i + 1;
    this.ctx.counters.eventsAccepted++;
    return true;
  }

  /**
   * Reads the digits from `start` up to a comma into `value` (0 for an empty field) and sets
   * `at` to the comma; false when the field has anything else or no comma follows.
   */
  private number(bytes: Uint8Array, start: number, end: number): boolean {
    let v = 0;
    let i = start;
    for (; i < end; i++) {
      const d = (bytes[i] as number) - 0x30;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === end || bytes[i] !== COMMA || i - start > MAX_DIGITS) return false;
    this.value = v;
    this.at = i;
    return true;
  }

  /** The number just read, or -1 (unknown) when its field, starting at `start`, was empty. */
  private optional(start: number): number {
    return this.at === start ? -1 : this.value;
  }

  /**
   * An skb address without 0x (as bpftrace prints it): up to 16 hex digits of either case, read
   * as the full reader's readSkbBytes does (skbHi: the digits before the last 8, value: those 8).
   */
  private skb(bytes: Uint8Array, start: number, end: number): boolean {
    let hi = 0;
    let lo = 0;
    let i = start;
    for (; i < end; i++) {
      const c = bytes[i] as number;
      let d = c - 0x30;
      if (d < 0 || d > 9) {
        const lower = c | 0x20;
        if (lower < 0x61 || lower > 0x66) break;
        d = lower - 0x57;
      }
      if (i - start >= 8) {
        // The digit 8 places back moves from the low part to the high one.
        const out = Math.floor(lo / 0x10000000);
        hi = hi * 16 + out;
        lo -= out * 0x10000000;
      }
      lo = lo * 16 + d;
    }
    if (i === end || bytes[i] !== COMMA || i - start > 16) return false;
    this.skbHi = hi;
    this.value = lo;
    this.at = i;
    return true;
  }

  /** ret, the last field: NaN when empty (null), else a signed decimal; undefined: not one. */
  private lastNumber(bytes: Uint8Array, start: number, end: number): number | undefined {
    if (start === end) return NaN;
    const negative = bytes[start] === MINUS;
    const first = negative ? start + 1 : start;
    if (first === end || end - first > MAX_DIGITS) return undefined;
    let v = 0;
    for (let i = first; i < end; i++) {
      const d = (bytes[i] as number) - 0x30;
      if (d < 0 || d > 9) return undefined;
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }
}
