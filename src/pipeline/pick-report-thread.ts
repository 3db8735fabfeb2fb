/**
 * Where the CLI builds a report: run folders with long traces are analysed in a worker thread
 * whose young generation stays small (build-report-in-worker.ts), so peak memory does not grow
 * with trace length; short ones in this thread, where a worker's start-up and its own cold load
 * of the analysis code would only add to the wait (the bundled fixtures take about a second).
 */
import { stat } from 'node:fs/promises';
import type { ReportModel } from '../model/report.js';
import { readRunFolder } from '../run-folder/read-run-folder.js';
import type { AnalyseProgress } from './analyse-run.js';

/** Event files from this many bytes on, all runs together, are analysed in a worker. */
export const ANALYSIS_WORKER_MIN_BYTES = 8 << 20;

export async function buildReportOnBestThread(
  dirs: string[],
  onProgress?: (p: AnalyseProgress) => void,
): Promise<ReportModel> {
  if ((await eventBytes(dirs)) >= ANALYSIS_WORKER_MIN_BYTES) {
    const { buildReportInWorker } = await import('./build-report-in-worker.js');
    return buildReportInWorker(dirs, onProgress);
  }
  const { buildReport } = await import('./build-report.js');
  return buildReport(dirs, onProgress);
}

/**
 * Bytes on disk of every run's event files; 0 when a folder cannot be read, so the analysis
 * runs here and reports that folder's problem as it always does.
 */
export async function eventBytes(dirs: string[]): Promise<number> {
  let total = 0;
  try {
    for (const dir of dirs) {
      const folder = await readRunFolder(dir);
      for (const file of folder.eventFiles) total += (await stat(file.path)).size;
    }
  } catch {
    return 0;
  }
  return total;
}
