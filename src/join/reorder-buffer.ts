/**
 * Puts events back into time order before the joiner sees them. bpftrace drains its per-CPU
 * buffers in turns, so events from different CPUs arrive out of order by up to tens of ms; perf
 * script sorts, bpftrace does not. Events wait, ordered by (tsNs, arrival number), and leave once
 * they are older than the newest timestamp seen minus the window, so memory holds one window of
 * events, never the trace.
 *
 * The waiting room is a min-heap, split up for speed: an arrival no earlier than the newest event
 * of one of a few FIFO runs joins that run (O(1)); only the others go to the heap. bpftrace's
 * drain order makes each CPU's events one such run, so with a run per CPU almost nothing needs
 * the heap's O(log n). Releasing takes the smallest head of the runs and the heap, which is
 * exactly the heap order of the whole. Waiting events are kept as copied fields
 * (event-slots.ts), not as objects, to spare the garbage collector.
 *
 * Counted: `out-of-order` for an event that arrived after a later one but within the window (it
 * is put back in place), `late-beyond-window` for one older than an event already released: it
 * is handed on at once, in arrival order, and the joiner copes.
 */
import { EMPTY_EVENT } from '../model/event.js';
import type { TraceEvent } from '../model/event.js';
import { countIssue } from '../model/ingest.js';
import type { IngestCounters } from '../model/ingest.js';
import { EventHeap } from './event-heap.js';
import { EventRun } from './event-run.js';
import { EventSlots } from './event-slots.js';

export const DEFAULT_REORDER_WINDOW_NS = 50_000_000;
/** FIFO runs: one per CPU of a typical two- to four-CPU recording; more cost more per release. */
const RUNS = 4;

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
  /**
   * Receives events in time order (late ones excepted). Released events arrive in one reused
   * object, valid only during the call: copy what you keep.
   */
  onEvent: (ev: TraceEvent) => void;
}

export function createReorderBuffer(opts: ReorderBufferOptions): ReorderBuffer {
  return new WindowedReorderBuffer(
    opts.windowNs ?? DEFAULT_REORDER_WINDOW_NS,
    opts.counters,
    opts.onEvent,
  );
}

class WindowedReorderBuffer implements ReorderBuffer {
  private readonly runs: EventRun[] = Array.from({ length: RUNS }, () => new EventRun());
  private readonly heap = new EventHeap();
  private readonly slots = new EventSlots();
  private readonly released: TraceEvent = { ...EMPTY_EVENT };
  private nextSeq = 0;
  private maxSeenNs = -Infinity;
  private lastReleasedNs = -Infinity;
  /**
   * No held event is older than this (a lower bound, exact after each release): while the
   * release limit is not past it, a push need not look at the heads at all.
   */
  private oldestHeldNs = Infinity;
  // Counted locally and added in batches: bpftrace input can make half the events out of order.
  private outOfOrder = 0;

  constructor(
    private readonly windowNs: number,
    private readonly counters: IngestCounters,
    private readonly onEvent: (ev: TraceEvent) => void,
  ) {}

  get size(): number {
    let n = this.heap.size;
    for (const run of this.runs) n += run.size;
    return n;
  }

  push(ev: TraceEvent): void {
    const t = ev.tsNs;
    if (t < this.lastReleasedNs) {
      countIssue(this.counters, 'late-beyond-window');
      this.onEvent(ev);
      return;
    }
    if (this.windowNs <= 0) {
      // No window (input known to be sorted, as perf script's is): nothing waits.
      this.lastReleasedNs = t;
      this.onEvent(ev);
      return;
    }
    if (t < this.maxSeenNs) {
      if (++this.outOfOrder === 4096) this.countOutOfOrder();
    } else {
      this.maxSeenNs = t;
    }
    const s = this.nextSeq++;
    const slot = this.slots.store(ev);
    this.hold(slot, t, s);
    if (t < this.oldestHeldNs) this.oldestHeldNs = t;
    const limitNs = this.maxSeenNs - this.windowNs;
    if (this.oldestHeldNs < limitNs) this.releaseBefore(limitNs);
  }

  flush(): void {
    this.releaseBefore(Infinity);
    this.countOutOfOrder();
  }

  /** Into the first run it extends, else the heap. */
  private hold(slot: number, t: number, s: number): void {
    const runs = this.runs;
    for (let r = 0; r < RUNS; r++) {
      const run = runs[r] as EventRun;
      if (run.size === 0 || t >= run.tailTs) {
        run.push(slot, t, s);
        return;
      }
    }
    this.heap.push(slot, t, s);
  }

  /** Hands on, oldest first, every held event older than `limitNs`. */
  private releaseBefore(limitNs: number): void {
    const runs = this.runs;
    const heap = this.heap;
    for (;;) {
      // The smallest (tsNs, arrival) among the heads: -1 = the heap's top.
      let from = -2;
      let t = Infinity;
      let seq = Infinity;
      if (heap.size > 0) {
        from = -1;
        t = heap.topTs;
        seq = heap.topSeq;
      }
      for (let r = 0; r < RUNS; r++) {
        const run = runs[r] as EventRun;
        if (run.size === 0) continue;
        const rt = run.headTs;
        if (rt < t || (rt === t && run.headSeq < seq)) {
          from = r;
          t = rt;
          seq = run.headSeq;
        }
      }
      if (from === -2 || t >= limitNs) {
        this.oldestHeldNs = t;
        return;
      }
      this.lastReleasedNs = t;
      this.slots.take(from === -1 ? heap.pop() : (runs[from] as EventRun).shift(), this.released);
      this.onEvent(this.released);
    }
  }

  private countOutOfOrder(): void {
    if (this.outOfOrder > 0) countIssue(this.counters, 'out-of-order', undefined, this.outOfOrder);
    this.outOfOrder = 0;
  }
}
