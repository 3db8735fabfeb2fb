/**
 * Streams a run's events into a consumer one event at a time, in the order and batches that
 * openRunEvents (src/run-folder/) gives, without an object per event: bpftrace-csv files are
 * parsed into reused columns (parseBpftraceCsvColumns) and each event is copied into one reused
 * TraceEvent for the call. The consumer must copy what it keeps (the joiner and the summariser
 * do). Other formats go through their parser's batches of objects.
 *
 * Batches stay as the parsers make them, so a batch's parse issues are counted before its events
 * reach the joiner, exactly as with openRunEvents: issue order in the report does not change.
 *
 * A large bpftrace-csv file is parsed on a second core (parse-in-worker.ts) while this thread
 * joins; a small one in this thread, where starting a worker would cost more than it saves.
 */
import { EMPTY_EVENT } from '../model/event.js';
import type { ClockOrigin, TraceEvent } from '../model/event.js';
import type { IngestCounters } from '../model/ingest.js';
import { stat } from 'node:fs/promises';
import { parseBpftraceCsvColumns } from '../parse/bpftrace-csv.js';
import type { EventColumns } from '../parse/event-columns.js';
import type { ParseContext } from '../parse/parse-context.js';
import { parsePerfScriptTracepoints } from '../parse/perf-script-tracepoints.js';
import { openByteStream } from '../read/open-byte-stream.js';
import type { RunFolder } from '../run-folder/read-run-folder.js';
import { parseBpftraceCsvInWorker } from './parse-in-worker.js';

/** Files from this size on (bytes on disk) are parsed in a worker thread. */
export const WORKER_MIN_BYTES = 8 << 20;

export interface FeedOptions {
  /** Parse bpftrace-csv in a worker thread: always, never, or by size ('auto', the default). */
  parseInWorker?: boolean | 'auto';
}

export interface EventConsumer {
  /** One event; `ev` is reused after the call returns. */
  onEvent(ev: TraceEvent): void;
  /** After each batch, with the number of events it held; awaited. */
  onBatch(events: number): Promise<void> | void;
}

/** Feeds every event file in manifest order. Throws FormatError for a wrong format. */
export async function feedRunEvents(
  folder: RunFolder,
  ctx: { origin: ClockOrigin; counters: IngestCounters },
  consumer: EventConsumer,
  options: FeedOptions = {},
): Promise<void> {
  const ev: TraceEvent = { ...EMPTY_EVENT };
  for (const file of folder.eventFiles) {
    const parseCtx: ParseContext = {
      file: file.relPath,
      origin: ctx.origin,
      counters: ctx.counters,
    };
    if (file.format === 'bpftrace-csv') {
      const batches: AsyncIterable<EventColumns> = (await useWorker(file.path, options))
        ? parseBpftraceCsvInWorker(file.path, parseCtx)
        : parseBpftraceCsvColumns(openByteStream(file.path), parseCtx);
      for await (const columns of batches) {
        const n = columns.n;
        for (let i = 0; i < n; i++) {
          columns.fill(i, ev);
          consumer.onEvent(ev);
        }
        await consumer.onBatch(n);
      }
    } else {
      for await (const batch of parsePerfScriptTracepoints(openByteStream(file.path), parseCtx)) {
        for (const e of batch) consumer.onEvent(e);
        await consumer.onBatch(batch.length);
      }
    }
  }
}

async function useWorker(path: string, options: FeedOptions): Promise<boolean> {
  const choice = options.parseInWorker ?? 'auto';
  if (choice !== 'auto') return choice;
  return (await stat(path)).size >= WORKER_MIN_BYTES;
}
