/**
 * Streams a perf script file (plain or gzip) through the stack reader into a fold. The entry
 * point for everything that needs a run's stack samples: the summary, and the exports.
 */
import { createIngestCounters, type IngestCounters } from '../model/ingest.js';
import { openByteStream } from '../read/open-byte-stream.js';
import { StackFolder } from './fold-stacks.js';
import { readPerfScriptStacks } from './perf-script-stacks.js';
import type { StackReadOptions } from './stack-sample.js';

export interface FoldedFile {
  folder: StackFolder;
  event: string | null;
  counters: IngestCounters;
}

export async function foldCpuFile(
  path: string,
  relPath: string,
  options: StackReadOptions = {},
): Promise<FoldedFile> {
  const folder = new StackFolder();
  const counters = createIngestCounters();
  const { event } = await readPerfScriptStacks(
    openByteStream(path),
    folder,
    { file: relPath, counters },
    options,
  );
  return { folder, event, counters };
}
