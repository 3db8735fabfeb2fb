/**
 * Several run folders into one ReportModel: the first run is the baseline, every other run is
 * compared with it. Runs are analysed one after another so peak memory is that of one run.
 */
import type { RunAnalysis } from '../analyse/run-analysis.js';
import { compareRuns } from '../compare/compare-runs.js';
import { REPORT_SCHEMA_VERSION, type ReportModel } from '../model/report.js';
import { CHART_REFS } from '../render/charts/chart-refs.js';
import { PERCENTILE_METHOD } from '../analyse/log-histogram.js';
import { analyseRun, type AnalyseProgress } from './analyse-run.js';
import { readOwnVersion } from './own-version.js';

export async function buildReport(
  dirs: string[],
  onProgress?: (p: AnalyseProgress) => void,
): Promise<ReportModel> {
  const analyses: RunAnalysis[] = [];
  for (const dir of dirs) analyses.push(await analyseRun(dir, onProgress));
  const [baseline, ...candidates] = analyses;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'econ-trace', version: readOwnVersion() },
    percentileMethod: PERCENTILE_METHOD,
    runs: analyses.map((a) => a.report),
    comparisons: baseline ? candidates.map((c) => compareRuns(baseline, c)) : [],
    charts: CHART_REFS.map((c) => ({ ...c })),
  };
}
