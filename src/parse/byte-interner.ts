/**
 * Turns repeated byte strings (device names, probe points, addresses) into shared JS strings
 * without decoding them every time: a trace has millions of events but a handful of devices.
 * The table is bounded, so a trace with endless distinct values only loses the speed-up.
 */

interface Entry {
  bytes: Buffer;
  /** Decoded value, or null when the decoder rejected the bytes. */
  value: string | null;
}

export class ByteInterner {
  private readonly table = new Map<number, Entry>();

  /**
   * @param decode turns the bytes into the value to keep, or null when they are not valid
   * @param maxEntries table size limit
   */
  constructor(
    private readonly decode: (buf: Buffer, start: number, end: number) => string | null,
    private readonly maxEntries = 4096,
  ) {}

  /** The decoded value of bytes [start, end), from the table when seen before. */
  intern(buf: Buffer, start: number, end: number): string | null {
    const len = end - start;
    // FNV-1a over the bytes; collisions are resolved by comparing the bytes below.
    let hash = 0x811c9dc5 ^ len;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i]!, 0x01000193);
    const entry = this.table.get(hash);
    if (entry !== undefined && entry.bytes.length === len) {
      const bytes = entry.bytes;
      let same = true;
      for (let i = 0; i < len; i++) {
        if (bytes[i] !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return entry.value;
    }
    const value = this.decode(buf, start, end);
    if (entry === undefined && this.table.size < this.maxEntries) {
      this.table.set(hash, { bytes: Buffer.from(buf.subarray(start, end)), value });
    }
    return value;
  }
}
