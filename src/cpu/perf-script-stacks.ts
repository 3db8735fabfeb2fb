/**
 * Parser for the stack samples `perf script` prints from `perf record -g` (cpu-clock, cycles,
 * or tracepoints recorded with -g). perf's text output is defined by its source, not a spec:
 * https://github.com/torvalds/linux/blob/v6.1/tools/perf/builtin-script.c
 * (process_sample_event -> perf_sample__fprintf_start for the header, then
 * perf_sample__fprintf_callchain -> sample__fprintf_callchain in util/evsel_fprintf.c for the
 * frames). What it prints, in the shapes seen in practice:
 *
 *     iperf3  6313 [000]  1933.952374043:    2004008 cpu-clock:pppH:
 *     \t ffffffff81eb98d3 process_backlog+0x83 ([kernel.kallsyms])
 *     \t     7f2c780560fd [unknown] (/tmp/perf-13899.map)
 *     <blank line>
 *
 * - header: comm (right-aligned, may contain spaces), tid or pid/tid, [cpu], time (6 fraction
 *   digits, 9 with --ns), then the period for sampling events and the event with its
 *   modifiers; `-F` subsets drop any of these; a tracepoint's header goes on with its fields;
 * - frames: tab-indented, leaf first, `address symbol+offset (dso)`; `-F ip,sym` without
 *   symoff has no offset, without dso no parentheses; `[unknown]` symbols and dsos;
 * - a blank line ends each sample; `#` lines come from --header;
 * - --show-lost-events adds `PERF_RECORD_LOST lost N` lines (counted as lost events).
 *
 * Folding follows FlameGraph's stackcollapse-perf.pl (see stack-line-reader.ts) so that its
 * output and ours are the same. Memory: one sample's frames and a bounded frame cache; what a
 * sink keeps (a fold keeps one entry per distinct stack) is the sink's.
 */
import type { IngestCounters } from '../model/ingest.js';
import { FormatError } from '../parse/format-error.js';
import { LineSplitter } from '../read/split-lines.js';
import { STACK_DETECT_LINES, StackLineReader } from './stack-line-reader.js';
import type { StackReadOptions, StackSampleSink } from './stack-sample.js';

export interface StackReadResult {
  /** The event that was folded; null when the input held no sample of a sampling event. */
  event: string | null;
}

/**
 * Reads perf script text, handing every sample of the chosen event to `sink`. Counts lines,
 * samples (eventsAccepted), lost events and problems into `counters`. Throws FormatError when
 * the first STACK_DETECT_LINES non-empty lines hold no perf script sample header.
 */
export async function readPerfScriptStacks(
  input: AsyncIterable<Buffer>,
  sink: StackSampleSink,
  ctx: { file: string; counters: IngestCounters },
  options: StackReadOptions = {},
): Promise<StackReadResult> {
  const reader = new StackLineReader(sink, ctx.counters, ctx.file, options);
  const splitter = new LineSplitter();
  for await (const chunk of input) {
    splitter.push(chunk, reader);
    if (!reader.recognised && reader.nonEmptyLines >= STACK_DETECT_LINES) refuse(ctx.file, reader);
  }
  splitter.end(reader);
  reader.finish(splitter.lineNo);
  if (!reader.recognised && reader.nonEmptyLines > 0) refuse(ctx.file, reader);
  return { event: reader.event };
}

function refuse(file: string, reader: StackLineReader): never {
  throw new FormatError(
    file,
    `no perf script sample header in the first ${reader.nonEmptyLines} non-empty lines`,
    'expected the text `perf script` prints for `perf record -g` samples',
  );
}
