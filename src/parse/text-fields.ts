/**
 * Field readers shared by the parsers. They read [start, end) of a latin1 line string (one char
 * per input byte, see src/read/split-lines.ts) and return NaN / null for bad input, so callers
 * can count the problem and move on.
 */
import { latin1ToUtf8 } from '../read/split-lines.js';

/** Digits beyond this cannot be an exact JavaScript integer. */
const MAX_SAFE_DIGITS = 15;

/** Unsigned decimal integer; NaN when empty, not all digits, or too long to be exact. */
export function parseDecimal(s: string, start: number, end: number): number {
  if (end <= start || end - start > MAX_SAFE_DIGITS) return NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

/** Decimal integer with an optional leading minus sign. */
export function parseSignedDecimal(s: string, start: number, end: number): number {
  if (end > start && s.charCodeAt(start) === 0x2d) return -parseDecimal(s, start + 1, end);
  return parseDecimal(s, start, end);
}

/** True when the char code is an ASCII digit (NaN, past the end of a string, is not). */
export function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Hex address with or without 0x, any case, normalised to lowercase without 0x.
 * null when empty, longer than 64 bits, or not hex.
 */
export function parseHexAddress(s: string, start: number, end: number): string | null {
  let from = start;
  const x = s.charCodeAt(from + 1);
  if (end - from >= 2 && s.charCodeAt(from) === 0x30 && (x === 0x78 || x === 0x58)) from += 2;
  if (end <= from || end - from > 16) return null;
  let upper = false;
  for (let i = from; i < end; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66)) continue;
    if (c >= 0x41 && c <= 0x46) upper = true;
    else return null;
  }
  const hex = s.slice(from, end);
  return upper ? hex.toLowerCase() : hex;
}

/** True when the line has a control character other than tab (NUL, escape, DEL ...): binary data. */
export function hasControlChars(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

/** Device names are untrusted bytes: decoded as UTF-8; null when they hold control bytes. */
export function decodeDev(raw: string): string | null {
  return hasControlChars(raw) ? null : latin1ToUtf8(raw);
}
