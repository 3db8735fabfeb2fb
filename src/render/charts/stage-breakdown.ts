/**
 * Flame-style stage breakdown: one horizontal bar per run, made of its stages' time per packet
 * stacked in path order, coloured by phase, segments labelled when wide enough. From
 * RunReport.stages. A stage's time per packet is its mean weighted by the share of packets that
 * walked it (mean x count / packets), so a rare detour (one packet freed late) adds its true
 * weight, not its full mean; means (not medians) are used because they add up. The waits for
 * the application's read and for the free are left out (stage-time.ts).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../../model/report.js';
import { nameChartRuns } from '../run-names.js';
import { CHART_CONFIG, CHART_WIDTH, PHASE_COLOURS, PHASES, compareStages } from './chart-style.js';
import { titleOf } from './chart-refs.js';
import { listPathStages, stageUsPerPacket } from './stage-time.js';

// Fractions of the longest bar above which a segment shows its full stage name, or just the
// checkpoint it ends at. Text width is not measured in Node, so these are estimates for
// ~6 px per character at 640 px.
const FULL_LABEL = 0.22;
const SHORT_LABEL = 0.11;

export function buildStageBreakdown(model: ReportModel): TopLevelSpec {
  const names = nameChartRuns(model.runs);
  const rows = model.runs.flatMap((run, i) => {
    let startUs = 0;
    return listPathStages(run)
      .sort(compareStages)
      .map((s) => {
        const meanUs = stageUsPerPacket(run, s);
        const row = {
          run: names[i] ?? '',
          stage: s.name,
          to: s.to,
          phase: s.phase,
          startUs,
          meanUs,
        };
        startUs += meanUs;
        return row;
      });
  });
  const longest = Math.max(1e-9, ...rows.map((r) => r.startUs + r.meanUs));
  const values = rows.map((r) => {
    const frac = r.meanUs / longest;
    const label = frac >= FULL_LABEL ? r.stage : frac >= SHORT_LABEL ? r.to : '';
    return { ...r, endUs: r.startUs + r.meanUs, midUs: r.startUs + r.meanUs / 2, label };
  });
  return {
    title: {
      text: titleOf('stage-breakdown'),
      subtitle: [
        'each bar is one run; segments are stages in path order, length = mean time x share of packets that walked it',
        'waits for the application read and for the free are left out',
      ],
    },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: { step: 40 },
    data: { values },
    encoding: {
      y: { field: 'run', type: 'nominal', sort: names, title: 'run' },
    },
    layer: [
      {
        mark: { type: 'bar', stroke: 'white', strokeWidth: 1 },
        encoding: {
          x: {
            field: 'startUs',
            type: 'quantitative',
            title: 'cumulative mean time per packet (µs)',
          },
          x2: { field: 'endUs' },
          color: {
            field: 'phase',
            type: 'nominal',
            title: 'phase',
            scale: { domain: [...PHASES], range: [...PHASE_COLOURS] },
          },
          tooltip: [
            { field: 'stage', type: 'nominal', title: 'stage' },
            { field: 'meanUs', type: 'quantitative', title: 'time per packet (µs)', format: '.2f' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'center', baseline: 'middle', fontSize: 10, fill: '#222' },
        encoding: {
          x: { field: 'midUs', type: 'quantitative' },
          text: { field: 'label', type: 'nominal' },
        },
      },
    ],
  };
}
