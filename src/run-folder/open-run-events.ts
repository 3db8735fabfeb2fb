/**
 * Streams a run's packet events: each event file through the parser its manifest entry names,
 * gunzipped on the fly when needed. All files share one clock origin and one set of counters.
 */
import type { ClockOrigin, TraceEvent } from '../model/event.js';
import type { IngestCounters } from '../model/ingest.js';
import type { EventFormat } from '../model/manifest.js';
import { parseBpftraceCsv } from '../parse/bpftrace-csv.js';
import type { ParseContext } from '../parse/parse-context.js';
import { parsePerfScriptTracepoints } from '../parse/perf-script-tracepoints.js';
import { openByteStream } from '../read/open-byte-stream.js';
import type { RunFolder } from './read-run-folder.js';

type EventParser = (
  input: AsyncIterable<Buffer>,
  ctx: ParseContext,
) => AsyncGenerator<TraceEvent[]>;

const PARSERS: Record<EventFormat, EventParser> = {
  'bpftrace-csv': parseBpftraceCsv,
  'perf-script': parsePerfScriptTracepoints,
};

/** Event batches of every event file in manifest order. Throws FormatError for a wrong format. */
export async function* openRunEvents(
  folder: RunFolder,
  ctx: { origin: ClockOrigin; counters: IngestCounters },
): AsyncGenerator<TraceEvent[]> {
  for (const file of folder.eventFiles) {
    const parse = PARSERS[file.format];
    yield* parse(openByteStream(file.path), {
      file: file.relPath,
      origin: ctx.origin,
      counters: ctx.counters,
    });
  }
}
