/**
 * Parser for the `bpftrace-csv` event format: what econ-trace's bpftrace scripts print, one
 * header line then one `printf` line per event. The format is specified in docs/run-folder.md;
 * the line-level rules live in bpftrace-csv-line.ts.
 *
 * Streams: memory is one read chunk plus one batch of events, whatever the file size.
 */
import type { TraceEvent } from '../model/event.js';
import { LineSplitter } from '../read/split-lines.js';
import { BpftraceCsvLineReader } from './bpftrace-csv-line.js';
import type { EventColumns } from './event-columns.js';
import { BATCH_EVENTS } from './parse-context.js';
import type { ParseContext } from './parse-context.js';

export {
  BPFTRACE_CSV_COLUMNS,
  BPFTRACE_CSV_HEADER,
  formatBpftraceCsvLine,
} from './bpftrace-csv-format.js';

/**
 * Events of a bpftrace-csv byte stream, in batches of about BATCH_EVENTS (a batch closes at the
 * first chunk boundary past that). Throws FormatError when the first line that is not blank or
 * bpftrace's banner is not the header; every other problem is counted in ctx.counters.
 */
export async function* parseBpftraceCsv(
  input: AsyncIterable<Buffer>,
  ctx: ParseContext,
): AsyncGenerator<TraceEvent[]> {
  const reader = new BpftraceCsvLineReader(ctx);
  const splitter = new LineSplitter();
  for await (const chunk of input) {
    splitter.push(chunk, reader);
    if (reader.columns.n >= BATCH_EVENTS) yield reader.takeBatch();
  }
  splitter.end(reader);
  if (reader.columns.n > 0) yield reader.takeBatch();
}

/**
 * The same batches as parseBpftraceCsv, as columns for a consumer that takes fields instead of
 * objects (the pipeline). A batch is valid until the consumer asks for the next one.
 */
export async function* parseBpftraceCsvColumns(
  input: AsyncIterable<Buffer>,
  ctx: ParseContext,
): AsyncGenerator<EventColumns> {
  const reader = new BpftraceCsvLineReader(ctx);
  const splitter = new LineSplitter();
  const columns = reader.columns;
  for await (const chunk of input) {
    splitter.push(chunk, reader);
    if (columns.n >= BATCH_EVENTS) {
      yield columns;
      reader.clearBatch();
    }
  }
  splitter.end(reader);
  if (columns.n > 0) yield columns;
  reader.clearBatch();
}
