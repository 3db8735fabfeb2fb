/**
 * Number readers over a line's bytes (the chunk Buffer that LineSplitter decodes, same offsets
 * as its latin1 text). Same rules as text-fields.ts: NaN for bad input so callers count it.
 * Indexing a byte array measured several times cheaper than charCodeAt on the chunk string.
 */

/** Digits beyond this cannot be an exact JavaScript integer. */
const MAX_SAFE_DIGITS = 15;

/** Unsigned decimal integer; NaN when empty, not all digits, or too long to be exact. */
export function decimalAt(b: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > MAX_SAFE_DIGITS) return NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = (b[i] as number) - 0x30;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

/** An optional unsigned number: empty is unknown (-1), anything else must be digits (else NaN). */
export function optionalDecimalAt(b: Uint8Array, start: number, end: number): number {
  return end === start ? -1 : decimalAt(b, start, end);
}

/** Decimal integer with an optional leading minus sign. */
export function signedDecimalAt(b: Uint8Array, start: number, end: number): number {
  if (end > start && b[start] === 0x2d) return -decimalAt(b, start + 1, end);
  return decimalAt(b, start, end);
}
