/**
 * Worker thread entry: parses one bpftrace-csv event file (read and gunzipped here too) into
 * column batches and posts them, as transferred typed arrays, to the pipeline thread
 * (parse-in-worker.ts), which joins and analyses while this thread parses the next batch.
 * Batches close where the in-thread parser closes them (bpftrace-csv.ts), so the pipeline sees
 * the same batches. At most MAX_IN_FLIGHT batches are out at once: a slow consumer stops the
 * parser instead of letting batches pile up in memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createIngestCounters } from '../model/ingest.js';
import { BpftraceCsvLineReader } from '../parse/bpftrace-csv-line.js';
import { createColumnArrays, type ColumnArrays } from '../parse/event-columns.js';
import { BATCH_EVENTS, type ParseContext } from '../parse/parse-context.js';
import { openByteStream } from '../read/open-byte-stream.js';
import { LineSplitter } from '../read/split-lines.js';
import {
  CounterDeltaTracker,
  arrayBuffersOf,
  type FromParseWorker,
  type ParseWorkerInput,
  type ToParseWorker,
} from './parse-worker-protocol.js';
import { serialiseError } from './worker-errors.js';

/** Batches posted and not yet handed back. */
const MAX_IN_FLIGHT = 4;

async function parseFile(input: ParseWorkerInput): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('parse-worker.js must run as a worker thread');
  const post = (msg: FromParseWorker, transfer: ArrayBuffer[] = []): void =>
    port.postMessage(msg, transfer);

  const pool: ColumnArrays[] = [];
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', (msg: ToParseWorker) => {
    pool.push(msg.arrays);
    inFlight--;
    wake?.();
  });

  const ctx: ParseContext = {
    file: input.file,
    origin: { originSec: input.originSec },
    counters: createIngestCounters(),
  };
  const tracker = new CounterDeltaTracker(ctx.counters);
  const reader = new BpftraceCsvLineReader(ctx);
  const columns = reader.columns;
  const names = columns.names;
  let sentNames = 1;

  const send = async (): Promise<void> => {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    const arrays = columns.takeArrays();
    post(
      {
        kind: 'batch',
        n: columns.n,
        arrays,
        namesFrom: sentNames,
        names: names.texts.slice(sentNames),
        counters: tracker.take(),
        originSec: ctx.origin.originSec,
      },
      arrayBuffersOf(arrays),
    );
    inFlight++;
    sentNames = names.size;
    columns.useArrays(pool.pop() ?? createColumnArrays(), 0);
    reader.clearBatch();
    // The table started afresh: the next batch sends it from its first text on.
    if (names.size < sentNames) sentNames = 1;
  };

  const splitter = new LineSplitter();
  for await (const chunk of openByteStream(input.path)) {
    splitter.push(chunk, reader);
    if (columns.n >= BATCH_EVENTS) await send();
  }
  splitter.end(reader);
  if (columns.n > 0) await send();
  post({ kind: 'end', counters: tracker.take(), originSec: ctx.origin.originSec });
  port.removeAllListeners('message');
}

parseFile(workerData as ParseWorkerInput).catch((err: unknown) => {
  parentPort?.postMessage({ kind: 'error', error: serialiseError(err) } satisfies FromParseWorker);
  parentPort?.removeAllListeners('message');
});
