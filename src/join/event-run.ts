/**
 * FIFO of event slots (see event-slots.ts) that arrived in time order (each no earlier than the
 * one before it), as a growable ring in parallel typed arrays. Most events arrive in order, and
 * for them this costs O(1) where a heap would cost O(log n) per event.
 */

export class EventRun {
  private ts = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private slots = new Int32Array(1024);
  private mask = 1023;
  private head = 0;
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** Key of the oldest event; only meaningful when size > 0. */
  get headTs(): number {
    return this.ts[this.head] as number;
  }

  get headSeq(): number {
    return this.seq[this.head] as number;
  }

  /** Key of the newest event; only meaningful when size > 0. */
  get tailTs(): number {
    return this.ts[(this.head + this.n - 1) & this.mask] as number;
  }

  /** Appends; the caller guarantees t is no earlier than tailTs. */
  push(slot: number, t: number, s: number): void {
    if (this.n === this.ts.length) this.grow();
    const i = (this.head + this.n) & this.mask;
    this.ts[i] = t;
    this.seq[i] = s;
    this.slots[i] = slot;
    this.n++;
  }

  /** Removes the oldest entry and returns its slot; only call when size > 0. */
  shift(): number {
    const i = this.head;
    const slot = this.slots[i] as number;
    this.head = (i + 1) & this.mask;
    this.n--;
    return slot;
  }

  private grow(): void {
    const size = this.ts.length * 2;
    const ts = new Float64Array(size);
    const seq = new Float64Array(size);
    const slots = new Int32Array(size);
    for (let k = 0; k < this.n; k++) {
      const i = (this.head + k) & this.mask;
      ts[k] = this.ts[i] as number;
      seq[k] = this.seq[i] as number;
      slots[k] = this.slots[i] as number;
    }
    this.ts = ts;
    this.seq = seq;
    this.slots = slots;
    this.mask = size - 1;
    this.head = 0;
  }
}
