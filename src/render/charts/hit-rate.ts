/**
 * ECON hit rate over time, one line per run with ECON counters, from EconSummary.hitRateOverTime
 * (hits / (hits + misses) per bucket; buckets with neither are left out, not drawn as 0). With
 * no ECON run in the report, the chart keeps its axes and says so in the plot, so the report
 * layout does not change.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../../model/report.js';
import { nameChartRuns } from '../run-names.js';
import { CHART_CONFIG, CHART_WIDTH } from './chart-style.js';
import { titleOf } from './chart-refs.js';

const X_TITLE = 'time since the run’s first bucket (s)';
const Y_TITLE = 'ECON hit rate (%)';

export function buildHitRate(model: ReportModel): TopLevelSpec {
  const names = nameChartRuns(model.runs);
  const econRuns = model.runs.flatMap((run, i) =>
    run.econ ? [{ name: names[i] ?? '', buckets: run.econ.hitRateOverTime }] : [],
  );
  if (econRuns.length === 0) return buildNoEconNote();
  const values = econRuns.flatMap(({ name, buckets }) => {
    const t0 = buckets[0]?.startNs ?? 0;
    return buckets
      .filter((b) => b.hits + b.misses > 0)
      .map((b) => ({
        run: name,
        // Bucket middle, so a bucket's rate sits over the time it covers.
        tS: (b.startNs - t0 + b.widthNs / 2) / 1e9,
        ratePct: (100 * b.hits) / (b.hits + b.misses),
        seen: b.hits + b.misses,
      }));
  });
  const runOrder = econRuns.map((r) => r.name);
  return {
    title: {
      text: titleOf('hit-rate'),
      subtitle: 'hits / (hits + misses) of econ_rx per time bucket',
    },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: 260,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'tS', type: 'quantitative', scale: { zero: true }, title: X_TITLE },
      y: { field: 'ratePct', type: 'quantitative', scale: { domain: [0, 100] }, title: Y_TITLE },
      color: { field: 'run', type: 'nominal', sort: runOrder, title: 'run' },
      tooltip: [
        { field: 'run', type: 'nominal' },
        { field: 'ratePct', type: 'quantitative', format: '.1f', title: 'hit rate (%)' },
        { field: 'seen', type: 'quantitative', title: 'hits + misses' },
      ],
    },
  };
}

/** Empty axes with a note in the middle; the note doubles as the legend entry. */
function buildNoEconNote(): TopLevelSpec {
  return {
    title: { text: titleOf('hit-rate'), subtitle: 'no ECON runs in this report' },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: 260,
    data: {
      values: [
        {
          tS: 0.5,
          ratePct: 50,
          note: 'no ECON runs: no run recorded econ_rx',
          key: 'no ECON runs',
        },
      ],
    },
    layer: [
      {
        mark: { type: 'text', fontSize: 14, fill: '#555' },
        encoding: {
          x: { field: 'tS', type: 'quantitative', scale: { domain: [0, 1] }, title: X_TITLE },
          y: {
            field: 'ratePct',
            type: 'quantitative',
            scale: { domain: [0, 100] },
            title: Y_TITLE,
          },
          text: { field: 'note', type: 'nominal' },
          color: {
            field: 'key',
            type: 'nominal',
            title: 'run',
            scale: { range: ['#555'] },
          },
        },
      },
    ],
  };
}
