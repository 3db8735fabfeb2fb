/**
 * Decodes repeated field values (probe points, device names, addresses) once: a trace has
 * millions of events but a handful of distinct values. A field is hashed in place (a short loop
 * over its chars) and looked up in a small direct-mapped table, checked with one startsWith, so
 * the common case allocates no substring at all and costs one comparison however many distinct
 * values there are; a miss falls back to a bounded Map. Raw values are copied (copyText) so no
 * cache entry pins a chunk.
 */
import { copyText } from '../read/split-lines.js';

/** Direct-mapped slots (a power of two). */
const SLOTS = 1024;
/** Map fallback limit: a trace with endless distinct values only loses the speed-up. */
const MAX_CACHED = 4096;

export class FieldCache<T> {
  private readonly raws: (string | null)[] = new Array<string | null>(SLOTS).fill(null);
  private readonly values: (T | undefined)[] = new Array<T | undefined>(SLOTS).fill(undefined);
  private readonly map = new Map<string, T>();

  /** @param decode the value for a raw field text */
  constructor(private readonly decode: (raw: string) => T) {}

  /** The decoded value of line[start, end). */
  get(line: string, start: number, end: number): T {
    let h = end - start;
    for (let i = start; i < end; i++) h = (Math.imul(h, 31) + line.charCodeAt(i)) | 0;
    const slot = (Math.imul(h, 0x9e3779b1) >>> 22) & (SLOTS - 1);
    const raw = this.raws[slot];
    if (
      raw !== null &&
      raw !== undefined &&
      raw.length === end - start &&
      line.startsWith(raw, start)
    ) {
      return this.values[slot] as T;
    }
    return this.miss(line, start, end, slot);
  }

  /** The same for a field read from the line's bytes (same offsets as its latin1 text). */
  getBytes(bytes: Uint8Array, line: string, start: number, end: number): T {
    let h = end - start;
    for (let i = start; i < end; i++) h = (Math.imul(h, 31) + (bytes[i] as number)) | 0;
    const slot = (Math.imul(h, 0x9e3779b1) >>> 22) & (SLOTS - 1);
    const raw = this.raws[slot];
    if (
      raw !== null &&
      raw !== undefined &&
      raw.length === end - start &&
      line.startsWith(raw, start)
    ) {
      return this.values[slot] as T;
    }
    return this.miss(line, start, end, slot);
  }

  private miss(line: string, start: number, end: number, slot: number): T {
    const probe = line.slice(start, end);
    let value = this.map.get(probe);
    const raw = copyText(line, start, end);
    if (value === undefined) {
      value = this.decode(raw);
      if (this.map.size < MAX_CACHED) this.map.set(raw, value);
    }
    this.raws[slot] = raw;
    this.values[slot] = value;
    return value;
  }
}
