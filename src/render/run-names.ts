/**
 * How a run is named wherever it appears. A synthetic run carries its marker next to every
 * label (docs/run-folder.md: "every report that shows the run marks it"). Labels are untrusted
 * text; callers escape them for their output format.
 */
import type { ReportModel, RunReport } from '../model/report.js';

export const SYNTHETIC_MARK = '[SYNTHETIC]';

/** "label" or "label [SYNTHETIC]", for text, Markdown and HTML. */
export function nameRun(run: RunReport): string {
  return run.synthetic.value ? `${run.label} ${SYNTHETIC_MARK}` : run.label;
}

/**
 * The run a comparison side names. Comparisons name runs by label or by source; an unknown name
 * yields undefined and is shown as given.
 */
export function findRun(model: ReportModel, name: string): RunReport | undefined {
  return model.runs.find((r) => r.label === name) ?? model.runs.find((r) => r.source === name);
}

/** A comparison side's name with the synthetic marker when that run is synthetic. */
export function nameComparisonSide(model: ReportModel, name: string): string {
  const run = findRun(model, name);
  return run ? nameRun(run) : name;
}

/**
 * Names for chart axes and legends: "label (synthetic)", unique across runs (a repeated label
 * gets its source appended) because vega-lite merges equal category values.
 */
export function nameChartRuns(runs: readonly RunReport[]): string[] {
  const base = runs.map((r) => (r.synthetic.value ? `${r.label} (synthetic)` : r.label));
  return base.map((name, i) => {
    const repeated = base.filter((b) => b === name).length > 1;
    return repeated ? `${name} [${runs[i]?.source ?? i + 1}]` : name;
  });
}
