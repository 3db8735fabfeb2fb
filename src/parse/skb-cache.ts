/**
 * skb addresses, normalised (lowercase hex without 0x) and stored as standalone strings. Every
 * packet shows its skb at several probe points and the kernel reuses freed skbs, so most lookups
 * hit. The lookup key is the address's value read as two 32-bit halves (plus its digit count,
 * so "00ff" and "ff" stay distinct): hashing numbers measured far cheaper than slicing and
 * hashing a string per event. Bounded: the table is emptied when full.
 */
import { copyText } from '../read/split-lines.js';

const MAX_ENTRIES = 1 << 16;
const TWO_POW_32 = 4294967296;

export class SkbCache {
  /** (high half + digits * 2^32) -> low half -> normalised address. */
  private readonly map = new Map<number, Map<number, string>>();
  private entries = 0;

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
    const outerKey = hi + digits * TWO_POW_32;
    let inner = this.map.get(outerKey);
    const hit = inner?.get(lo);
    if (hit !== undefined) return hit;
    if (this.entries >= MAX_ENTRIES) {
      this.map.clear();
      this.entries = 0;
      inner = undefined;
    }
    if (inner === undefined) {
      inner = new Map();
      this.map.set(outerKey, inner);
    }
    const skb = copyText(text, from, end).toLowerCase();
    inner.set(lo, skb);
    this.entries++;
    return skb;
  }
}

/** 0-15 for a hex digit of either case, -1 otherwise. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}
