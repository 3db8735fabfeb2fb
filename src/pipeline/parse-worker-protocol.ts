/**
 * What the bpftrace-csv parse worker (parse-worker.ts) and the pipeline thread
 * (parse-in-worker.ts) say to each other, and how the worker's ingest counters travel: each
 * message carries what was counted since the previous one (lines, events, lost events, issues
 * with their new examples), and the pipeline adds it to the run's counters when it takes that
 * batch, before the batch's events reach the joiner, exactly when a parser in the same thread
 * would have counted it. Issue order (first seen) and examples come out the same.
 */
import { countIssue } from '../model/ingest.js';
import type { IngestCounters, IngestIssue } from '../model/ingest.js';
import type { ColumnArrays } from '../parse/event-columns.js';
import type { SerialisedError } from './worker-errors.js';

/** What the worker is started with (workerData). */
export interface ParseWorkerInput {
  /** Absolute path of the event file. */
  path: string;
  /** The file as named in the run folder, for issue examples. */
  file: string;
  /** The run's clock origin so far (set by an earlier file of the run). */
  originSec: number | null;
}

export interface CounterDelta {
  linesRead: number;
  eventsAccepted: number;
  lostEvents: number;
  /** Per reason in first-seen order: count added, and examples added. */
  issues: IngestIssue[];
}

export type FromParseWorker =
  | {
      kind: 'batch';
      n: number;
      arrays: ColumnArrays;
      /** New name-table texts start at this id (1 after a reset). */
      namesFrom: number;
      names: string[];
      counters: CounterDelta;
      originSec: number | null;
    }
  | { kind: 'end'; counters: CounterDelta; originSec: number | null }
  | { kind: 'error'; error: SerialisedError };

/** The pipeline thread hands a batch's storage back for reuse (and as credit for one more). */
export interface ToParseWorker {
  kind: 'arrays';
  arrays: ColumnArrays;
}

/** The buffers to transfer (not copy) with a batch's arrays (one, when they share it). */
export function arrayBuffersOf(a: ColumnArrays): ArrayBuffer[] {
  const buffers = Object.values(a).map((column: ColumnArrays[keyof ColumnArrays]) => column.buffer);
  return [...new Set(buffers)];
}

/** Remembers what of a counters object was already sent; take() gives the rest. */
export class CounterDeltaTracker {
  private linesRead = 0;
  private eventsAccepted = 0;
  private lostEvents = 0;
  private readonly sentCounts: number[] = [];
  private readonly sentExamples: number[] = [];

  constructor(private readonly counters: IngestCounters) {}

  take(): CounterDelta {
    const c = this.counters;
    const issues: IngestIssue[] = [];
    // Issues are only ever appended, so an index names one reason for good.
    c.issues.forEach((issue, i) => {
      const count = this.sentCounts[i] ?? 0;
      const examples = this.sentExamples[i] ?? 0;
      if (issue.count === count) return;
      issues.push({
        reason: issue.reason,
        count: issue.count - count,
        examples: issue.examples.slice(examples),
      });
      this.sentCounts[i] = issue.count;
      this.sentExamples[i] = issue.examples.length;
    });
    const delta: CounterDelta = {
      linesRead: c.linesRead - this.linesRead,
      eventsAccepted: c.eventsAccepted - this.eventsAccepted,
      lostEvents: c.lostEvents - this.lostEvents,
      issues,
    };
    this.linesRead = c.linesRead;
    this.eventsAccepted = c.eventsAccepted;
    this.lostEvents = c.lostEvents;
    return delta;
  }
}

/** Adds a delta to the run's counters, as if its lines had been counted here. */
export function applyCounterDelta(counters: IngestCounters, d: CounterDelta): void {
  counters.linesRead += d.linesRead;
  counters.eventsAccepted += d.eventsAccepted;
  counters.lostEvents += d.lostEvents;
  for (const issue of d.issues) {
    for (const example of issue.examples) countIssue(counters, issue.reason, example);
    countIssue(counters, issue.reason, undefined, issue.count - issue.examples.length);
  }
}
