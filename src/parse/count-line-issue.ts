/**
 * Counts a skipped line, decoding its text only while examples are still being kept: a file with
 * a million bad lines must not cost a million string decodes.
 */
import { MAX_EXAMPLES, MAX_EXAMPLE_CHARS, countIssue } from '../model/ingest.js';
import type { IngestCounters, IngestReason } from '../model/ingest.js';

/** Decoding at most this many bytes gives at least MAX_EXAMPLE_CHARS characters of UTF-8. */
const EXAMPLE_BYTES = MAX_EXAMPLE_CHARS * 4;

export function countLineIssue(
  counters: IngestCounters,
  reason: IngestReason,
  file: string,
  lineNo: number,
  buf: Buffer,
  start: number,
  end: number,
): void {
  const issue = counters.issues.find((i) => i.reason === reason);
  if (issue !== undefined && issue.examples.length >= MAX_EXAMPLES) {
    issue.count++;
    return;
  }
  const text = buf.toString('utf8', start, Math.min(end, start + EXAMPLE_BYTES));
  countIssue(counters, reason, { file, line: lineNo, text });
}
