/**
 * `econ-trace export --format folded`: the run's perf stack samples folded for flamegraph.pl,
 * the same lines stackcollapse-perf.pl prints (bytes kept as recorded: written as latin1).
 */
import { formatFoldedLines } from '../cpu/fold-stacks.js';
import { ExportError } from './export-error.js';
import { loadRunStacks } from './load-run-stacks.js';
import { TextSink } from './text-sink.js';

export interface FoldedExport {
  event: string;
  samples: number;
  stacks: number;
  bytes: number;
}

export async function exportFolded(dir: string, out: string): Promise<FoldedExport> {
  const stacks = await loadRunStacks(dir);
  if (stacks === null) throw noSamples(dir);
  const sink = new TextSink(out, 'latin1');
  for (const line of formatFoldedLines(stacks.folder.stacks)) {
    sink.write(line);
    await sink.flush();
  }
  await sink.close();
  return {
    event: stacks.event ?? '',
    samples: stacks.folder.samples,
    stacks: stacks.folder.stacks.size,
    bytes: sink.bytes,
  };
}

export function noSamples(dir: string): ExportError {
  return new ExportError(
    `${dir} has no perf stack samples (cpu/perf-script.txt or cpu/perf-script.txt.gz)`,
    'record with `econ-trace record --cpu`, or export --format perfetto or speedscope',
  );
}
