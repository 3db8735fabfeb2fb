/**
 * Worker thread entry: buildReport for the run folders it is started with, posting progress as
 * it goes and then the model, or the error (see build-report-in-worker.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalyseProgress } from './analyse-run.js';
import { buildReport } from './build-report.js';
import type { FromReportWorker, ReportWorkerInput } from './build-report-in-worker.js';
import { serialiseError } from './worker-errors.js';

/**
 * Progress comes after every batch of events, thousands of times a run, and the CLI shows it
 * twice a second at most: a message this often is plenty (each run's first and last go too).
 */
const PROGRESS_EVERY_MS = 100;

const post = (msg: FromReportWorker): void => parentPort?.postMessage(msg);
const { dirs } = workerData as ReportWorkerInput;

let unsent: AnalyseProgress | null = null;
let sentSource: string | null = null;
let sentAtMs = -Infinity;

function sendProgress(p: AnalyseProgress): void {
  post({ kind: 'progress', progress: p });
  unsent = null;
  sentSource = p.source;
  sentAtMs = Date.now();
}

function noteProgress(p: AnalyseProgress): void {
  if (p.source !== sentSource) {
    if (unsent !== null) sendProgress(unsent);
    sendProgress(p);
  } else if (Date.now() - sentAtMs >= PROGRESS_EVERY_MS) {
    sendProgress(p);
  } else {
    unsent = p;
  }
}

buildReport(dirs, noteProgress).then(
  (model) => {
    if (unsent !== null) sendProgress(unsent);
    post({ kind: 'done', model });
  },
  (err: unknown) => post({ kind: 'error', error: serialiseError(err) }),
);
