/**
 * Decodes repeated field values (probe points, device names, addresses) once: a trace has
 * millions of events but a handful of distinct values. A field is hashed in place (a short loop
 * over its bytes) and looked up in a small direct-mapped table whose slots keep the field's raw
 * bytes, so the common case is one hash loop and one compare loop over a few bytes, with no
 * substring and no call into the string builtins (a startsWith per field measured about a third
 * of the parser's time). Fields longer than KEY_BYTES and misses fall back to a bounded Map.
 * Raw values are copied (copyText) so no cache entry pins a chunk.
 */
import { copyText } from '../read/split-lines.js';

/** Direct-mapped slots (a power of two). */
const SLOTS = 1024;
/** Bytes of a field a slot can hold: device names have at most 15, probe points 23. */
const KEY_BYTES = 32;
/** Map fallback limit: a trace with endless distinct values only loses the speed-up. */
const MAX_CACHED = 4096;

export class FieldCache<T> {
  private readonly keys = new Uint8Array(SLOTS * KEY_BYTES);
  /** Key length per slot; -1 = empty. */
  private readonly lengths = new Int16Array(SLOTS).fill(-1);
  private readonly values: (T | undefined)[] = new Array<T | undefined>(SLOTS).fill(undefined);
  private readonly map = new Map<string, T>();
  private readonly keyView = new DataView(this.keys.buffer);
  /** The byte array `view` reads (the line's chunk, changing every 64 KB). */
  private viewed: Uint8Array | null = null;
  private view: DataView = new DataView(new ArrayBuffer(0));
  /** Hash of the bytes scanToComma went over last. */
  private scannedHash = 0;

  /** @param decode the value for a raw field text */
  constructor(private readonly decode: (raw: string) => T) {}

  /** The decoded value of line[start, end) (latin1 text, as LineSplitter gives it). */
  get(line: string, start: number, end: number): T {
    const len = end - start;
    if (len > KEY_BYTES) return this.lookup(line, start, end);
    let h = 0;
    for (let i = start; i < end; i++) h = (Math.imul(h, 31) + line.charCodeAt(i)) | 0;
    const slot = slotOf(h, len);
    const keys = this.keys;
    const base = slot * KEY_BYTES - start;
    if (this.lengths[slot] === len) {
      let i = start;
      while (i < end && keys[base + i] === line.charCodeAt(i)) i++;
      if (i === end) return this.values[slot] as T;
    }
    const value = this.lookup(line, start, end);
    for (let i = start; i < end; i++) keys[base + i] = line.charCodeAt(i);
    this.lengths[slot] = len;
    this.values[slot] = value;
    return value;
  }

  /**
   * The decoded value of a field read from the line's bytes; `line` is the same bytes as latin1
   * text (same offsets), used only on a miss.
   */
  getBytes(bytes: Uint8Array, line: string, start: number, end: number): T {
    const len = end - start;
    if (len > KEY_BYTES) return this.lookup(line, start, end);
    let h = 0;
    for (let i = start; i < end; i++) h = (Math.imul(h, 31) + (bytes[i] as number)) | 0;
    return this.findOrAdd(bytes, line, start, end, h);
  }

  private findOrAdd(bytes: Uint8Array, line: string, start: number, end: number, h: number): T {
    const len = end - start;
    const slot = slotOf(h, len);
    if (this.lengths[slot] === len && this.sameKey(slot * KEY_BYTES, bytes, start, len)) {
      return this.values[slot] as T;
    }
    const value = this.lookup(line, start, end);
    this.keys.set(bytes.subarray(start, end), slot * KEY_BYTES);
    this.lengths[slot] = len;
    this.values[slot] = value;
    return value;
  }

  /**
   * Hashes the field that starts at `start` up to the next comma before `lineEnd`, in the same
   * pass that finds the comma; returns the comma's position, or -1 when the line has none. The
   * value is then getScanned(bytes, line, start, thatPosition).
   */
  scanToComma(bytes: Uint8Array, start: number, lineEnd: number): number {
    let h = 0;
    for (let i = start; i < lineEnd; i++) {
      const c = bytes[i] as number;
      if (c === 0x2c) {
        this.scannedHash = h;
        return i;
      }
      h = (Math.imul(h, 31) + c) | 0;
    }
    return -1;
  }

  /** getBytes for the field scanToComma just found, without hashing it again. */
  getScanned(bytes: Uint8Array, line: string, start: number, end: number): T {
    if (end - start > KEY_BYTES) return this.lookup(line, start, end);
    return this.findOrAdd(bytes, line, start, end, this.scannedHash);
  }

  /** Whether the key at `base` equals bytes[start, start + len), compared four bytes at a time. */
  private sameKey(base: number, bytes: Uint8Array, start: number, len: number): boolean {
    if (bytes !== this.viewed) {
      this.viewed = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    const view = this.view;
    const keys = this.keyView;
    let k = 0;
    for (; k + 4 <= len; k += 4) {
      if (keys.getUint32(base + k) !== view.getUint32(start + k)) return false;
    }
    for (; k < len; k++) {
      if (keys.getUint8(base + k) !== view.getUint8(start + k)) return false;
    }
    return true;
  }

  /** Forgets every value (their meaning changed, e.g. a NameTable reset). */
  clear(): void {
    this.lengths.fill(-1);
    this.values.fill(undefined);
    this.map.clear();
  }

  private lookup(line: string, start: number, end: number): T {
    const probe = line.slice(start, end);
    let value = this.map.get(probe);
    if (value === undefined) {
      const raw = copyText(line, start, end);
      value = this.decode(raw);
      if (this.map.size < MAX_CACHED) this.map.set(raw, value);
    }
    return value;
  }
}

/** Slot of a field from the hash of its bytes and its length (the same for every method). */
function slotOf(h: number, len: number): number {
  return (Math.imul(h + len, 0x9e3779b1) >>> 22) & (SLOTS - 1);
}
