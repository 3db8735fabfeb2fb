/**
 * Packets reaching each checkpoint per run, from RunReport.checkpoints: one row per checkpoint in
 * path order, one bar per run inside it. Where a run's count drops, packets were lost, bypassed
 * (ECON) or the probe there was not attached.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../../model/report.js';
import { nameChartRuns } from '../run-names.js';
import { CHART_CONFIG, CHART_WIDTH, sortCheckpoints } from './chart-style.js';
import { titleOf } from './chart-refs.js';

export function buildCheckpoints(model: ReportModel): TopLevelSpec {
  const names = nameChartRuns(model.runs);
  const values = model.runs.flatMap((run, i) =>
    run.checkpoints.map((c) => ({
      run: names[i] ?? '',
      checkpoint: c.checkpoint,
      packets: c.packets,
    })),
  );
  const order = sortCheckpoints(values.map((v) => v.checkpoint));
  return {
    title: {
      text: titleOf('checkpoints'),
      subtitle: 'packet timelines that reached each checkpoint, in path order',
    },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: { step: 12 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'checkpoint', type: 'nominal', sort: order, title: 'checkpoint (path order)' },
      yOffset: { field: 'run', type: 'nominal', sort: names },
      x: { field: 'packets', type: 'quantitative', title: 'packets (count)' },
      color: { field: 'run', type: 'nominal', sort: names, title: 'run' },
      tooltip: [
        { field: 'run', type: 'nominal' },
        { field: 'checkpoint', type: 'nominal' },
        { field: 'packets', type: 'quantitative', format: ',' },
      ],
    },
  };
}
