/**
 * Per-stage p50, p90 and p99 per run, from RunReport.stages: one row per stage (path order), one
 * lane per run inside it, a rule from p50 to p99 and a point per percentile, on a log µs axis
 * because stages range from hundreds of ns to milliseconds.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../../model/report.js';
import { nameChartRuns } from '../run-names.js';
import { CHART_CONFIG, CHART_WIDTH, compareStages, toLogMicros } from './chart-style.js';
import { titleOf } from './chart-refs.js';

export function buildStagePercentiles(model: ReportModel): TopLevelSpec {
  const names = nameChartRuns(model.runs);
  const stages = model.runs.flatMap((r) => r.stages).sort(compareStages);
  const stageOrder = [...new Set(stages.map((s) => s.name))];
  const values = model.runs.flatMap((run, i) =>
    run.stages.map((s) => ({
      run: names[i] ?? '',
      stage: s.name,
      p50: toLogMicros(s.latency.p50Ns),
      p90: toLogMicros(s.latency.p90Ns),
      p99: toLogMicros(s.latency.p99Ns),
    })),
  );
  const y = {
    field: 'stage',
    type: 'nominal',
    sort: stageOrder,
    title: 'stage (path order)',
  } as const;
  const yOffset = { field: 'run', type: 'nominal', sort: names } as const;
  const xTitle = 'latency (µs, log scale)';
  return {
    title: {
      text: titleOf('stage-percentiles'),
      subtitle: 'rule from p50 to p99; one lane per run within each stage',
    },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: { step: 14 },
    data: { values },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: {
          y,
          yOffset,
          x: { field: 'p50', type: 'quantitative', scale: { type: 'log' }, title: xTitle },
          x2: { field: 'p99' },
          color: { field: 'run', type: 'nominal', sort: names, title: 'run' },
        },
      },
      {
        transform: [{ fold: ['p50', 'p90', 'p99'], as: ['percentile', 'us'] }],
        mark: { type: 'point', filled: true, size: 40 },
        encoding: {
          y,
          yOffset,
          x: { field: 'us', type: 'quantitative', scale: { type: 'log' }, title: xTitle },
          color: { field: 'run', type: 'nominal', sort: names, title: 'run' },
          shape: {
            field: 'percentile',
            type: 'nominal',
            sort: ['p50', 'p90', 'p99'],
            title: 'percentile',
          },
        },
      },
    ],
  };
}
