/**
 * Folds perf script text the way the run-folder reader does, in whole or in tiny chunks, and
 * reads the fixtures in fixtures/cpu/ and the shared reference recording.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { formatFoldedLines, StackFolder } from '../../src/cpu/fold-stacks.js';
import { readPerfScriptStacks } from '../../src/cpu/perf-script-stacks.js';
import type { StackReadOptions } from '../../src/cpu/stack-sample.js';
import { createIngestCounters, type IngestCounters } from '../../src/model/ingest.js';

export const CPU_FIXTURES = fileURLToPath(new URL('../../fixtures/cpu/', import.meta.url));
export const REFERENCE = fileURLToPath(new URL('../../../shared/reference/perf/', import.meta.url));

export interface Folded {
  /** The folded lines as stackcollapse-perf.pl prints them (latin1 text). */
  text: string;
  folder: StackFolder;
  event: string | null;
  counters: IngestCounters;
}

async function* chunked(data: Buffer, size: number): AsyncGenerator<Buffer> {
  if (size <= 0) {
    yield data;
    return;
  }
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

export async function foldBuffer(
  data: Buffer,
  options: StackReadOptions = {},
  chunkSize = 0,
): Promise<Folded> {
  const folder = new StackFolder();
  const counters = createIngestCounters();
  const { event } = await readPerfScriptStacks(
    chunked(data, chunkSize),
    folder,
    { file: 'input', counters },
    options,
  );
  return { text: [...formatFoldedLines(folder.stacks)].join(''), folder, event, counters };
}

/** A file's bytes, gunzipped when its name ends in .gz. */
export async function readBytes(path: string): Promise<Buffer> {
  const data = await readFile(path);
  return path.endsWith('.gz') ? gunzipSync(data) : data;
}

/** Folded text read as latin1, so it compares with what the folder produces. */
export async function readFolded(path: string): Promise<string> {
  return (await readBytes(path)).toString('latin1');
}

/** Sum of the counts ending each folded line. */
export function totalOf(folded: string): number {
  let total = 0;
  for (const line of folded.split('\n')) {
    if (line !== '') total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
