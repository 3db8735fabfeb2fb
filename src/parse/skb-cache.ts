/**
 * skb addresses, normalised (lowercase hex without 0x) and stored as standalone strings. Every
 * packet shows its skb at several probe points and the kernel reuses freed skbs, so most lookups
 * hit. The key is the address's value read as two 32-bit halves plus its digit count (so "00ff"
 * and "ff" stay distinct): reading numbers measured far cheaper than slicing and hashing a
 * string per event. The table is direct-mapped with a fixed size: a lookup is one multiply and
 * three compares, and memory stays bounded whatever the trace holds. Texts are built from the
 * numbers (formatSkb), never sliced from a chunk, so no entry pins one.
 */
/** Slots, a power of two: far more than the skbs a host has in flight at once. */
const SLOT_BITS = 14;
const SLOTS = 1 << SLOT_BITS;

export class SkbCache {
  private readonly his = new Float64Array(SLOTS);
  private readonly los = new Float64Array(SLOTS);
  /** 0 = empty slot (a stored address has 1 to 16 digits). */
  private readonly digitCounts = new Uint8Array(SLOTS);
  private readonly values: string[] = new Array<string>(SLOTS).fill('');

  /** The normalised address in text[start, end); null when it is not a 1-16 digit hex address. */
  get(text: string, start: number, end: number): string | null {
    let from = start;
    const x = text.charCodeAt(start + 1);
    if (end - start > 2 && text.charCodeAt(start) === 0x30 && (x === 0x78 || x === 0x58)) from += 2;
    const digits = end - from;
    if (digits <= 0 || digits > 16) return null;
    const split = digits > 8 ? end - 8 : from;
    let hi = 0;
    for (let i = from; i < split; i++) {
      const d = hexValue(text.charCodeAt(i));
      if (d < 0) return null;
      hi = hi * 16 + d;
    }
    let lo = 0;
    for (let i = split; i < end; i++) {
      const d = hexValue(text.charCodeAt(i));
      if (d < 0) return null;
      lo = lo * 16 + d;
    }
    return this.name(hi, lo, digits);
  }

  /** The same for an address read from the line's bytes (same offsets as its latin1 text). */
  getBytes(bytes: Uint8Array, text: string, start: number, end: number): string | null {
    const v = SCRATCH;
    if (!readSkbBytes(bytes, start, end, v)) return null;
    return this.name(v.hi, v.lo, v.digits);
  }

  /**
   * The normalised address of a value read by readSkbBytes (hi: digits before the last 8, lo:
   * the last 8, digits: 1 to 16). The text follows from the numbers alone, so a parser in
   * another thread can send the numbers and the reading side names them here.
   */
  name(hi: number, lo: number, digits: number): string {
    // Multiplicative hashing keeps the high bits: skb addresses are aligned, their low bits alike.
    const mixed = (lo | 0) ^ Math.imul(hi | 0, 0x85ebca6b) ^ digits;
    const slot = Math.imul(mixed, 0x9e3779b1) >>> (32 - SLOT_BITS);
    if (this.los[slot] === lo && this.his[slot] === hi && this.digitCounts[slot] === digits) {
      return this.values[slot] as string;
    }
    const skb = formatSkb(hi, lo, digits);
    this.los[slot] = lo;
    this.his[slot] = hi;
    this.digitCounts[slot] = digits;
    this.values[slot] = skb;
    return skb;
  }
}

/** An skb address as numbers: the value's two halves and its digit count (so "00ff" != "ff"). */
export interface SkbValue {
  hi: number;
  lo: number;
  digits: number;
}

const SCRATCH: SkbValue = { hi: 0, lo: 0, digits: 0 };

/**
 * Reads a 1-16 digit hex address (optional 0x/0X, either case) from bytes[start, end) into
 * `out`; false when it is not one.
 */
export function readSkbBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  out: SkbValue,
): boolean {
  let from = start;
  const x = bytes[start + 1];
  if (end - start > 2 && bytes[start] === 0x30 && (x === 0x78 || x === 0x58)) from += 2;
  const digits = end - from;
  if (digits <= 0 || digits > 16) return false;
  const split = digits > 8 ? end - 8 : from;
  let hi = 0;
  for (let i = from; i < split; i++) {
    const d = hexValue(bytes[i] as number);
    if (d < 0) return false;
    hi = hi * 16 + d;
  }
  let lo = 0;
  for (let i = split; i < end; i++) {
    const d = hexValue(bytes[i] as number);
    if (d < 0) return false;
    lo = lo * 16 + d;
  }
  out.hi = hi;
  out.lo = lo;
  out.digits = digits;
  return true;
}

/** Lowercase hex of (hi, lo) with exactly `digits` digits, leading zeros kept. */
function formatSkb(hi: number, lo: number, digits: number): string {
  if (digits <= 8) return lo.toString(16).padStart(digits, '0');
  return hi.toString(16).padStart(digits - 8, '0') + lo.toString(16).padStart(8, '0');
}

/** 0-15 for a hex digit of either case, -1 otherwise. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}
