/**
 * skb addresses, normalised (lowercase hex without 0x) and stored as standalone strings. Every
 * packet shows its skb at several probe points and the kernel reuses freed skbs, so most lookups
 * hit; a miss parses the address once. Bounded: the table is emptied when full.
 */
import { copyText } from '../read/split-lines.js';
import { parseHexAddress } from './text-fields.js';

const MAX_ENTRIES = 1 << 16;

export class SkbCache {
  /** Raw text as read (copied) to normalised address. */
  private readonly map = new Map<string, string>();

  /** The normalised address in text[start, end); null when it is not a hex address. */
  get(text: string, start: number, end: number): string | null {
    const hit = this.map.get(text.slice(start, end));
    if (hit !== undefined) return hit;
    const raw = copyText(text, start, end);
    const skb = parseHexAddress(raw, 0, raw.length);
    if (skb === null) return null;
    if (this.map.size >= MAX_ENTRIES) this.map.clear();
    this.map.set(raw, skb);
    return skb;
  }
}
