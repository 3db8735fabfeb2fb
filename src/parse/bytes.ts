/**
 * Byte-level field readers shared by the parsers. They work on [start, end) views of a line
 * buffer and return NaN / null for bad input, so callers can count the problem and move on.
 */

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/** Digits beyond this cannot be an exact JavaScript integer. */
const MAX_SAFE_DIGITS = 15;

/** Unsigned decimal integer; NaN when empty, not all digits, or too long to be exact. */
export function parseDecimal(buf: Buffer, start: number, end: number): number {
  if (end <= start || end - start > MAX_SAFE_DIGITS) return NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - DIGIT_0;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

/** Decimal integer with an optional leading minus sign. */
export function parseSignedDecimal(buf: Buffer, start: number, end: number): number {
  if (end > start && buf[start] === 0x2d) return -parseDecimal(buf, start + 1, end);
  return parseDecimal(buf, start, end);
}

/** True when the byte is an ASCII digit. */
export function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= DIGIT_0 && byte <= DIGIT_9;
}

/**
 * Hex address with or without 0x, any case, normalised to lowercase without 0x.
 * null when empty or not hex.
 */
export function parseHexAddress(buf: Buffer, start: number, end: number): string | null {
  let s = start;
  if (end - s >= 2 && buf[s] === 0x30 && (buf[s + 1] === 0x78 || buf[s + 1] === 0x58)) s += 2;
  if (end <= s || end - s > 16) return null;
  let upper = false;
  for (let i = s; i < end; i++) {
    const c = buf[i]!;
    if ((c >= DIGIT_0 && c <= DIGIT_9) || (c >= 0x61 && c <= 0x66)) continue;
    if (c >= 0x41 && c <= 0x46) upper = true;
    else return null;
  }
  const text = buf.toString('latin1', s, end);
  return upper ? text.toLowerCase() : text;
}

/** True when the bytes hold a control character other than tab (NUL, escape, DEL ...). */
export function hasControlBytes(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

/** True when bytes [start, end) equal the ASCII string. */
export function bytesEqual(buf: Buffer, start: number, end: number, ascii: string): boolean {
  if (end - start !== ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) {
    if (buf[start + i] !== ascii.charCodeAt(i)) return false;
  }
  return true;
}

/** True when the bytes at `start` begin with the ASCII string. */
export function bytesStartWith(buf: Buffer, start: number, end: number, ascii: string): boolean {
  return end - start >= ascii.length && bytesEqual(buf, start, start + ascii.length, ascii);
}
