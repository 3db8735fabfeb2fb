/**
 * Counts a skipped line, building its example text only while examples are still being kept:
 * a file with a million bad lines must not cost a million string conversions.
 */
import { MAX_EXAMPLES, MAX_EXAMPLE_CHARS, countIssue } from '../model/ingest.js';
import type { IngestCounters, IngestReason } from '../model/ingest.js';
import { latin1ToUtf8 } from '../read/split-lines.js';

/** Enough latin1 chars (bytes) for MAX_EXAMPLE_CHARS characters of UTF-8. */
const EXAMPLE_BYTES = MAX_EXAMPLE_CHARS * 4;

/** `text` is the line as the splitter gave it (latin1), or text already decoded (latin1 = false). */
export function countLineIssue(
  counters: IngestCounters,
  reason: IngestReason,
  file: string,
  lineNo: number,
  text: string,
  latin1 = true,
): void {
  const issue = counters.issues.find((i) => i.reason === reason);
  if (issue !== undefined && issue.examples.length >= MAX_EXAMPLES) {
    issue.count++;
    return;
  }
  const shown = latin1 ? latin1ToUtf8(text.slice(0, EXAMPLE_BYTES)) : text;
  countIssue(counters, reason, { file, line: lineNo, text: shown });
}
