/**
 * Worker thread entry: buildReport for the run folders it is started with, posting progress as
 * it goes and then the model, or the error (see build-report-in-worker.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildReport } from './build-report.js';
import type { FromReportWorker, ReportWorkerInput } from './build-report-in-worker.js';
import { serialiseError } from './worker-errors.js';

const post = (msg: FromReportWorker): void => parentPort?.postMessage(msg);
const { dirs } = workerData as ReportWorkerInput;

buildReport(dirs, (progress) => post({ kind: 'progress', progress })).then(
  (model) => post({ kind: 'done', model }),
  (err: unknown) => post({ kind: 'error', error: serialiseError(err) }),
);
