/**
 * buildReport in a worker thread (build-report-worker.ts) with a small young generation, for long
 * runs. V8 grows a thread's young generation (the scavenger doubles its semi-spaces, up to 16 MB
 * each) as more of what it allocates survives, so the analysing thread of a 10M-event run ended
 * with a larger one than that of a 1M-event run, and peak memory grew with trace length. The
 * main thread's heap is sized before any of our code runs; a worker's is set when it starts
 * (resourceLimits). The analysis allocates short-lived objects (hops, timelines), so a small
 * young generation costs it no time: it measured slightly faster. The model comes back by
 * structured clone, which keeps every value the analysis made, so the report is the same.
 */
import type { AnalyseProgress } from './analyse-run.js';
import type { ReportModel } from '../model/report.js';
import { startPipelineWorker } from './start-worker.js';
import { rebuildError, type SerialisedError } from './worker-errors.js';

/** The analysing thread's young generation: semi-spaces of 4 MB (V8 divides it by three). */
const ANALYSIS_YOUNG_GENERATION_MB = 12;

export interface ReportWorkerInput {
  dirs: string[];
}

export type FromReportWorker =
  | { kind: 'progress'; progress: AnalyseProgress }
  | { kind: 'done'; model: ReportModel }
  | { kind: 'error'; error: SerialisedError };

/** Same result, and the same error for bad input, as buildReport(dirs, onProgress). */
export function buildReportInWorker(
  dirs: string[],
  onProgress?: (p: AnalyseProgress) => void,
): Promise<ReportModel> {
  const worker = startPipelineWorker('build-report-worker', {
    workerData: { dirs } satisfies ReportWorkerInput,
    resourceLimits: { maxYoungGenerationSizeMb: ANALYSIS_YOUNG_GENERATION_MB },
  });
  return new Promise<ReportModel>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      worker.removeAllListeners();
      void worker.terminate();
      finish();
    };
    worker.on('message', (msg: FromReportWorker) => {
      if (msg.kind === 'progress') onProgress?.(msg.progress);
      else if (msg.kind === 'done') settle(() => resolve(msg.model));
      else settle(() => reject(rebuildError(msg.error)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the report worker exited early (code ${code})`))),
    );
  });
}
