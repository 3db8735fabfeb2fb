/**
 * bpftrace-csv parsing on a second core: a worker thread (parse-worker.ts) reads and parses the
 * file while this thread joins and analyses, and batches arrive here as transferred column arrays
 * (no copy). Gives exactly what parseBpftraceCsvColumns gives in this thread: the same batches,
 * events, counters (issues in the same order, with the same examples, see
 * parse-worker-protocol.ts), clock origin, and the same FormatError for a file that is not
 * bpftrace-csv. Worth it for large files only: starting the worker costs tens of ms.
 */
import type { Worker } from 'node:worker_threads';
import type { ClockOrigin } from '../model/event.js';
import type { IngestCounters } from '../model/ingest.js';
import { EventColumns } from '../parse/event-columns.js';
import {
  applyCounterDelta,
  arrayBuffersOf,
  type FromParseWorker,
  type ParseWorkerInput,
  type ToParseWorker,
} from './parse-worker-protocol.js';
import { startPipelineWorker } from './start-worker.js';
import { rebuildError } from './worker-errors.js';

/**
 * The worker's young generation (V8 default: up to 48 MB). Left alone, the scavenger keeps
 * doubling it over a long file, so a 10M-event run peaked about 10 MB higher than a 1M-event one;
 * the parser's garbage is short-lived, so a small one costs no measurable time.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

function startWorker(input: ParseWorkerInput): Worker {
  return startPipelineWorker('parse-worker', {
    workerData: input,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
}

/**
 * Batches of the file at `path` (named `ctx.file` in issue examples). A batch is valid until
 * the consumer asks for the next one.
 */
export async function* parseBpftraceCsvInWorker(
  path: string,
  ctx: { file: string; origin: ClockOrigin; counters: IngestCounters },
): AsyncGenerator<EventColumns> {
  const input: ParseWorkerInput = { path, file: ctx.file, originSec: ctx.origin.originSec };
  const worker = startWorker(input);
  const inbox: FromParseWorker[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  worker.on('message', (msg: FromParseWorker) => {
    inbox.push(msg);
    notify();
  });
  worker.on('error', (err) => {
    failure = err;
    notify();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the parse worker for ${ctx.file} exited early (code ${code})`);
    notify();
  });

  const columns = new EventColumns();
  try {
    for (;;) {
      const msg = inbox.shift();
      if (msg === undefined) {
        if (failure !== null) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (msg.kind === 'error') throw rebuildError(msg.error);
      applyCounterDelta(ctx.counters, msg.counters);
      ctx.origin.originSec = msg.originSec;
      if (msg.kind === 'end') return;
      columns.names.extend(msg.namesFrom, msg.names);
      columns.useArrays(msg.arrays, msg.n);
      yield columns;
      const arrays = columns.takeArrays();
      worker.postMessage(
        { kind: 'arrays', arrays } satisfies ToParseWorker,
        arrayBuffersOf(arrays),
      );
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
