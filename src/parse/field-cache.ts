/**
 * Decodes repeated field values (probe points, device names, addresses) once: a trace has
 * millions of events but a handful of distinct values. The few most recent raw values are
 * matched in place with startsWith, so the common case allocates no substring at all; others
 * fall back to a bounded Map. Raw values are copied (copyText) so no cache entry pins a chunk.
 */
import { copyText } from '../read/split-lines.js';

/** Raw values matched in place before slicing. */
const RECENT = 32;
/** Map fallback limit: a trace with endless distinct values only loses the speed-up. */
const MAX_CACHED = 4096;

export class FieldCache<T> {
  private readonly raws: string[] = [];
  private readonly values: T[] = [];
  private next = 0;
  private readonly map = new Map<string, T>();

  /** @param decode the value for a raw field text */
  constructor(private readonly decode: (raw: string) => T) {}

  /** The decoded value of line[start, end). */
  get(line: string, start: number, end: number): T {
    const len = end - start;
    const raws = this.raws;
    for (let k = 0; k < raws.length; k++) {
      const raw = raws[k]!;
      if (raw.length === len && line.startsWith(raw, start)) return this.values[k]!;
    }
    const probe = line.slice(start, end);
    let value = this.map.get(probe);
    const raw = copyText(line, start, end);
    if (value === undefined) {
      value = this.decode(raw);
      if (this.map.size < MAX_CACHED) this.map.set(raw, value);
    }
    if (raws.length < RECENT) {
      raws.push(raw);
      this.values.push(value);
    } else {
      raws[this.next] = raw;
      this.values[this.next] = value;
      this.next = (this.next + 1) % RECENT;
    }
    return value;
  }
}
