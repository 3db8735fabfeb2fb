/**
 * Min-heap of event slots (see event-slots.ts) keyed by (tsNs, arrival number), in parallel
 * typed arrays. The reorder window keeps its out-of-order arrivals here.
 */

export class EventHeap {
  private ts = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private slots = new Int32Array(1024);
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** Key of the smallest event; only meaningful when size > 0. */
  get topTs(): number {
    return this.ts[0] as number;
  }

  get topSeq(): number {
    return this.seq[0] as number;
  }

  push(slot: number, t: number, s: number): void {
    if (this.n === this.ts.length) this.grow();
    const ts = this.ts;
    const seq = this.seq;
    const slots = this.slots;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = ts[p] as number;
      if (pt < t || (pt === t && (seq[p] as number) < s)) break;
      ts[i] = pt;
      seq[i] = seq[p] as number;
      slots[i] = slots[p] as number;
      i = p;
    }
    ts[i] = t;
    seq[i] = s;
    slots[i] = slot;
  }

  /** Removes the smallest entry and returns its slot; only call when size > 0. */
  pop(): number {
    const ts = this.ts;
    const seq = this.seq;
    const slots = this.slots;
    const top = slots[0] as number;
    const n = --this.n;
    const t = ts[n] as number;
    const s = seq[n] as number;
    const slot = slots[n] as number;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = ts[c] as number;
      const r = c + 1;
      if (r < n) {
        const rt = ts[r] as number;
        if (rt < ct || (rt === ct && (seq[r] as number) < (seq[c] as number))) {
          c = r;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && s < (seq[c] as number))) break;
      ts[i] = ct;
      seq[i] = seq[c] as number;
      slots[i] = slots[c] as number;
      i = c;
    }
    ts[i] = t;
    seq[i] = s;
    slots[i] = slot;
    return top;
  }

  private grow(): void {
    const ts = new Float64Array(this.ts.length * 2);
    ts.set(this.ts);
    const seq = new Float64Array(this.seq.length * 2);
    seq.set(this.seq);
    const slots = new Int32Array(this.slots.length * 2);
    slots.set(this.slots);
    this.ts = ts;
    this.seq = seq;
    this.slots = slots;
  }
}
