/**
 * bpftrace-csv parsing on a second core: a worker thread (parse-worker.ts) reads and parses the
 * file while this thread joins and analyses, and batches arrive here as transferred column arrays
 * (no copy). Gives exactly what parseBpftraceCsvColumns gives in this thread: the same batches,
 * events, counters (issues in the same order, with the same examples, see
 * parse-worker-protocol.ts), clock origin, and the same FormatError for a file that is not
 * bpftrace-csv. Worth it for large files only: starting the worker costs tens of ms.
 */
import { Worker } from 'node:worker_threads';
import type { ClockOrigin } from '../model/event.js';
import type { IngestCounters } from '../model/ingest.js';
import { EventColumns } from '../parse/event-columns.js';
import { FormatError } from '../parse/format-error.js';
import {
  applyCounterDelta,
  arrayBuffersOf,
  type FromParseWorker,
  type ParseWorkerInput,
  type SerialisedError,
  type ToParseWorker,
} from './parse-worker-protocol.js';

/**
 * The worker's young generation (V8 default: up to 48 MB). Left alone, the scavenger keeps
 * doubling it over a long file, so a 10M-event run peaked about 10 MB higher than a 1M-event one;
 * the parser's garbage is short-lived, so a small one costs no measurable time.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

/** Built code runs dist/pipeline/parse-worker.js; tests run the TypeScript source. */
function startWorker(input: ParseWorkerInput): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./parse-worker.js', import.meta.url), {
      workerData: input,
      resourceLimits,
    });
  }
  // A worker does not inherit tsx's loader hooks (registered by --import in the main thread):
  // register them in the worker before loading the TypeScript entry.
  const entry = JSON.stringify(new URL('./parse-worker.ts', import.meta.url).href);
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(boot, { eval: true, workerData: input, resourceLimits });
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

function rebuildError(e: SerialisedError): Error {
  if (e.format) return new FormatError(e.format.file, e.format.problem, e.format.fix);
  const err = new Error(e.message);
  err.name = e.name;
  if (e.code !== undefined) Object.assign(err, { code: e.code });
  return err;
}
