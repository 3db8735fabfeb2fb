/**
 * Puts events back into time order before the joiner sees them. bpftrace drains its per-CPU
 * buffers in turns, so events from different CPUs arrive out of order by up to tens of ms; perf
 * script sorts, bpftrace does not. Events wait in a min-heap keyed by (tsNs, arrival number) and
 * leave once they are older than the newest timestamp seen minus the window, so memory holds one
 * window of events, never the trace.
 *
 * Counted: `out-of-order` for an event that arrived after a later one but within the window (it
 * is put back in place), `late-beyond-window` for one older than an event already released: it
 * is handed on at once, in arrival order, and the joiner copes.
 */
import type { TraceEvent } from '../model/event.js';
import { countIssue } from '../model/ingest.js';
import type { IngestCounters } from '../model/ingest.js';

export const DEFAULT_REORDER_WINDOW_NS = 50_000_000;

export interface ReorderBuffer {
  push(ev: TraceEvent): void;
  /** Release everything still held, in order (end of input). */
  flush(): void;
  /** Events currently held. */
  readonly size: number;
}

export interface ReorderBufferOptions {
  /** Trace time an event may wait for earlier ones; default DEFAULT_REORDER_WINDOW_NS. */
  windowNs?: number;
  counters: IngestCounters;
  /** Receives events in time order (late ones excepted). */
  onEvent: (ev: TraceEvent) => void;
}

export function createReorderBuffer(opts: ReorderBufferOptions): ReorderBuffer {
  return new HeapReorderBuffer(
    opts.windowNs ?? DEFAULT_REORDER_WINDOW_NS,
    opts.counters,
    opts.onEvent,
  );
}

/** Binary min-heap in parallel arrays: no wrapper object per event. */
class HeapReorderBuffer implements ReorderBuffer {
  private ts = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private evs: (TraceEvent | undefined)[] = new Array<TraceEvent | undefined>(1024);
  private n = 0;
  private nextSeq = 0;
  private maxSeenNs = -Infinity;
  private lastReleasedNs = -Infinity;

  constructor(
    private readonly windowNs: number,
    private readonly counters: IngestCounters,
    private readonly onEvent: (ev: TraceEvent) => void,
  ) {}

  get size(): number {
    return this.n;
  }

  push(ev: TraceEvent): void {
    const t = ev.tsNs;
    if (t < this.lastReleasedNs) {
      countIssue(this.counters, 'late-beyond-window');
      this.onEvent(ev);
      return;
    }
    if (t < this.maxSeenNs) countIssue(this.counters, 'out-of-order');
    else this.maxSeenNs = t;
    this.insert(ev, t);
    const limit = this.maxSeenNs - this.windowNs;
    while (this.n > 0 && (this.ts[0] as number) < limit) this.release();
  }

  flush(): void {
    while (this.n > 0) this.release();
  }

  private insert(ev: TraceEvent, t: number): void {
    if (this.n === this.ts.length) this.grow();
    const s = this.nextSeq++;
    let i = this.n++;
    const ts = this.ts;
    const seq = this.seq;
    const evs = this.evs;
    // Sift up: move parents down until the slot fits.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = ts[p] as number;
      if (pt < t || (pt === t && (seq[p] as number) < s)) break;
      ts[i] = pt;
      seq[i] = seq[p] as number;
      evs[i] = evs[p];
      i = p;
    }
    ts[i] = t;
    seq[i] = s;
    evs[i] = ev;
  }

  private release(): void {
    const ts = this.ts;
    const seq = this.seq;
    const evs = this.evs;
    const top = evs[0] as TraceEvent;
    this.lastReleasedNs = ts[0] as number;
    const last = --this.n;
    const t = ts[last] as number;
    const s = seq[last] as number;
    const ev = evs[last];
    evs[last] = undefined;
    // Sift down the former last element from the root.
    let i = 0;
    const n = this.n;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n) {
        const ct = ts[c] as number;
        const rt = ts[r] as number;
        if (rt < ct || (rt === ct && (seq[r] as number) < (seq[c] as number))) c = r;
      }
      const ct = ts[c] as number;
      if (t < ct || (t === ct && s < (seq[c] as number))) break;
      ts[i] = ct;
      seq[i] = seq[c] as number;
      evs[i] = evs[c];
      i = c;
    }
    if (n > 0) {
      ts[i] = t;
      seq[i] = s;
      evs[i] = ev;
    }
    this.onEvent(top);
  }

  private grow(): void {
    const size = this.ts.length * 2;
    const ts = new Float64Array(size);
    ts.set(this.ts);
    const seq = new Float64Array(size);
    seq.set(this.seq);
    this.ts = ts;
    this.seq = seq;
    this.evs.length = size;
  }
}
