/**
 * Runs a parser over in-memory input the way the run-folder reader does, and feeds inputs in
 * tiny chunks to catch chunk-boundary bugs.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { ClockOrigin, TraceEvent } from '../../src/model/event.js';
import { createIngestCounters } from '../../src/model/ingest.js';
import type { IngestCounters } from '../../src/model/ingest.js';
import type { ParseContext } from '../../src/parse/parse-context.js';
import { dumpEvents } from './dump-events.js';

export type Parser = (
  input: AsyncIterable<Buffer>,
  ctx: ParseContext,
) => AsyncGenerator<TraceEvent[]>;

export interface ParseResult {
  events: TraceEvent[];
  counters: IngestCounters;
  origin: ClockOrigin;
  dump: string;
}

/** The input as chunks of `size` bytes (the whole input in one chunk when size is 0). */
export async function* chunked(data: Buffer, size = 0): AsyncGenerator<Buffer> {
  if (size <= 0) {
    yield data;
    return;
  }
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

export async function parseBuffer(
  parse: Parser,
  data: Buffer,
  file: string,
  chunkSize = 0,
): Promise<ParseResult> {
  const counters = createIngestCounters();
  const origin: ClockOrigin = { originSec: null };
  const events: TraceEvent[] = [];
  for await (const batch of parse(chunked(data, chunkSize), { file, origin, counters })) {
    events.push(...batch);
  }
  return { events, counters, origin, dump: dumpEvents(events, counters) };
}

const FIXTURES = fileURLToPath(new URL('../fixtures-parse/', import.meta.url));

/** A fixture's bytes, gunzipped when its name ends in .gz. */
export async function readFixture(name: string): Promise<Buffer> {
  const data = await readFile(`${FIXTURES}${name}`);
  return name.endsWith('.gz') ? gunzipSync(data) : data;
}

export const TINY_CHUNK_SIZES = [1, 2, 3, 7];
