/**
 * Parser for `perf script` text of the packet tracepoints econ-trace records (format
 * `perf-script` in docs/run-folder.md). perf's text output is defined by its source, not a spec:
 * https://github.com/torvalds/linux/blob/v6.1/tools/perf/builtin-script.c
 * (process_sample_event -> perf_sample__fprintf_start, then the event name and the
 * tracepoint's own TP_printk text via perf_sample__fprintf_trace / event_format__fprintf).
 *
 * Default fields for tracepoint samples are `comm tid [cpu] time: event: trace`:
 *
 *           iperf3 14103 [000]  1215.011028591:  net:netif_receive_skb: dev=veth-c skbaddr=0xffff88810b4316e0 len=60
 *
 * - comm is right-aligned to 16 columns and may itself contain spaces ("kworker/1:1 H");
 * - time has 9 fraction digits with --ns, 6 (microseconds) without;
 * - `-F` subsets may drop comm/tid (the line starts at `[cpu]`) or the cpu (no `[...]`, cpu -1);
 * - with -g, each sample is followed by tab-indented callchain frames and a blank line;
 * - samples of counting events (cpu-clock) print a period before the event name;
 * - --show-lost-events adds `PERF_RECORD_LOST lost N` lines (see perf-script-line.ts).
 *
 * Events other than the tracepoints in perf-script-tracepoints-table.ts are counted once per
 * record as `unsupported-event`, their frames skipped silently.
 */
import type { TraceEvent } from '../model/event.js';
import { LineSplitter } from '../read/split-lines.js';
import { BATCH_EVENTS } from './parse-context.js';
import type { ParseContext } from './parse-context.js';
import { PerfScriptLineReader } from './perf-script-line.js';

/**
 * Events of a perf script byte stream, in batches of about BATCH_EVENTS. Throws FormatError when
 * nothing in the first PERF_DETECT_LINES non-empty lines looks like perf script output.
 */
export async function* parsePerfScriptTracepoints(
  input: AsyncIterable<Buffer>,
  ctx: ParseContext,
): AsyncGenerator<TraceEvent[]> {
  const reader = new PerfScriptLineReader(ctx);
  const splitter = new LineSplitter();
  for await (const chunk of input) {
    splitter.push(chunk, reader);
    if (reader.batch.length >= BATCH_EVENTS) yield reader.takeBatch();
  }
  splitter.end(reader);
  reader.finish();
  if (reader.batch.length > 0) yield reader.takeBatch();
}
