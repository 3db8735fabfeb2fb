/**
 * Every chart's vega-lite spec, from the ReportModel, one per CHART_REFS entry and in that order.
 * Specs carry their data inline, so each .vl.json file stands alone.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../../model/report.js';
import { CHART_REFS } from './chart-refs.js';
import { buildCheckpoints } from './checkpoints.js';
import { buildCpuDiffFlame } from './cpu-diff-flame.js';
import { buildCpuFlame } from './cpu-flame.js';
import { buildHitRate } from './hit-rate.js';
import { buildLatencyCdf } from './latency-cdf.js';
import { buildStageBreakdown } from './stage-breakdown.js';
import { buildStageFlame } from './stage-flame.js';
import { buildStagePercentiles } from './stage-percentiles.js';

export interface ChartSpec {
  id: string;
  title: string;
  spec: TopLevelSpec;
}

const BUILDERS: Record<string, (model: ReportModel) => TopLevelSpec> = {
  'stage-breakdown': buildStageBreakdown,
  'latency-cdf': buildLatencyCdf,
  'stage-percentiles': buildStagePercentiles,
  'hit-rate': buildHitRate,
  checkpoints: buildCheckpoints,
  'stage-flame': buildStageFlame,
  'cpu-flame': buildCpuFlame,
  'cpu-diff-flame': buildCpuDiffFlame,
};

export function buildChartSpecs(model: ReportModel): ChartSpec[] {
  return [...eachChartSpec(model)];
}

/** The same specs one at a time, so each can go to the renderer before the next is built. */
export function* eachChartSpec(model: ReportModel): Generator<ChartSpec> {
  for (const ref of CHART_REFS) {
    const build = BUILDERS[ref.id];
    if (!build) throw new Error(`no builder for chart ${ref.id}`);
    yield { id: ref.id, title: ref.title, spec: build(model) };
  }
}
