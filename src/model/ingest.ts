/**
 * Problems in the input are data: every skipped or doubtful record is counted by reason, with
 * the first few places it happened, and the report shows them.
 */

/** Why a record was skipped or flagged. Stable strings: they appear in --json and golden files. */
export type IngestReason =
  | 'malformed-line'
  | 'unknown-point'
  | 'missing-columns'
  | 'extra-columns'
  | 'bad-number'
  | 'line-too-long'
  | 'binary-garbage'
  | 'truncated-last-line'
  | 'unsupported-event'
  | 'lost-events'
  | 'out-of-order'
  | 'late-beyond-window'
  | 'orphan-mid-path'
  | 'unattributed-sk-data-ready'
  | 'unclassified-device'
  | 'timeline-timeout'
  | 'reused-without-free'
  | 'kernel-slot-replaced'
  | 'free-without-timeline';

/** One place a problem was seen: file (relative to the run folder) and 1-based line. */
export interface IngestExample {
  file: string;
  line: number;
  /** At most 120 characters of the offending text, as read (renderers escape it). */
  text: string;
}

export interface IngestIssue {
  reason: IngestReason;
  /** How many records had this problem. */
  count: number;
  /** The first few places (at most MAX_EXAMPLES). */
  examples: IngestExample[];
}

export const MAX_EXAMPLES = 3;
export const MAX_EXAMPLE_CHARS = 120;

/** Counters kept while one run is read; a plain object so it serialises as-is. */
export interface IngestCounters {
  /** Lines read across all event files, including skipped ones. */
  linesRead: number;
  /** Events that reached the joiner. */
  eventsAccepted: number;
  /** Events the recorder says the kernel dropped (bpftrace "Lost N events", perf LOST records). */
  lostEvents: number;
  /** Issues by reason, in first-seen order. */
  issues: IngestIssue[];
}

export function createIngestCounters(): IngestCounters {
  return { linesRead: 0, eventsAccepted: 0, lostEvents: 0, issues: [] };
}

/** Count one problem; keep its place if fewer than MAX_EXAMPLES are kept for that reason. */
export function countIssue(
  counters: IngestCounters,
  reason: IngestReason,
  example?: IngestExample,
  howMany = 1,
): void {
  let issue = counters.issues.find((i) => i.reason === reason);
  if (!issue) {
    issue = { reason, count: 0, examples: [] };
    counters.issues.push(issue);
  }
  issue.count += howMany;
  if (example && issue.examples.length < MAX_EXAMPLES) {
    issue.examples.push({ ...example, text: example.text.slice(0, MAX_EXAMPLE_CHARS) });
  }
}
