/**
 * Stage-time flame, one panel per run, from RunReport.stages: phases on the top row and their
 * stages nested below, in path order, box width = time per packet. A stage's time per packet is
 * its mean times the share of packets that walked it (as in stage-breakdown.ts), so a phase's
 * box is the sum of its stages and a run's width is its mean path time per packet. One x scale
 * for all runs: ECON's missing stages show as missing boxes and a shorter row, and the subtitle
 * names the stages each candidate never walks. Stages ending at app_read or freed are left out:
 * they are the wait for the application or the free, often milliseconds, not receive-path work.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel, RunReport } from '../../model/report.js';
import { formatNs, formatPercent } from '../format.js';
import { findRun, nameChartRuns } from '../run-names.js';
import { CHART_CONFIG, compareStages, PHASE_COLOURS, PHASES } from './chart-style.js';
import { titleOf } from './chart-refs.js';
import { fitLabel } from './flame-tree.js';
import { isWaitingStageName, listPathStages, stageUsPerPacket } from './stage-time.js';
import { buildFlamePanel, FLAME_WIDTH, noDataChart } from './flame-panel.js';

const X_TITLE = 'mean time per packet (µs)';

interface StageBox {
  name: string;
  phase: string;
  us: number;
  packets: number;
}

/** Skipped stages named per subtitle line; the rest are counted. */
const NAMED_SKIPS = 6;

/** Stages with their time per packet, grouped by phase in path order. */
function listStageBoxes(run: RunReport): StageBox[] {
  const stages = listPathStages(run)
    .sort(compareStages)
    .map((s) => ({
      name: s.name,
      phase: s.phase as string,
      us: stageUsPerPacket(run, s),
      packets: s.latency.count,
    }));
  const rank = (phase: string): number => {
    const i = PHASES.findIndex((p) => p === phase);
    return i === -1 ? PHASES.length : i;
  };
  // Stable sort: stages keep path order inside their phase.
  return stages.sort((a, b) => rank(a.phase) - rank(b.phase));
}

export function buildStageFlame(model: ReportModel): TopLevelSpec {
  const names = nameChartRuns(model.runs);
  const runs = model.runs
    .map((run, i) => ({ run, name: names[i] ?? '', boxes: listStageBoxes(run) }))
    .filter((r) => r.boxes.length > 0);
  const skipped = model.comparisons
    .filter((c) => c.skippedByCandidate.length > 0)
    .map((c) => {
      const run = findRun(model, c.candidate);
      const name = run ? (names[model.runs.indexOf(run)] ?? c.candidate) : c.candidate;
      const shown = c.skippedByCandidate.filter((st) => !isWaitingStageName(st));
      const more = shown.length > NAMED_SKIPS ? `, and ${shown.length - NAMED_SKIPS} more` : '';
      return `${name} never walks: ${shown.slice(0, NAMED_SKIPS).join(', ')}${more}`;
    });
  const subtitle = [
    'top row: phases; below: their stages in path order; width = mean time x share of packets that walked the stage;',
    'stages ending at the application read or the free (waiting, not path work) are left out',
    ...skipped,
  ];
  if (runs.length === 0) return noDataChart('stage-flame', subtitle, X_TITLE);
  const widestUs = Math.max(...runs.map((r) => r.boxes.reduce((s, b) => s + b.us, 0)), 1e-9);
  const usPerPx = widestUs / FLAME_WIDTH;
  const panels = runs.map(({ name, boxes }) => {
    const totalUs = boxes.reduce((s, b) => s + b.us, 0);
    const share = (us: number): string => (totalUs > 0 ? formatPercent(us / totalUs) : 'n/a');
    const values: Record<string, unknown>[] = [];
    let x = 0;
    for (const phase of [...new Set(boxes.map((b) => b.phase))]) {
      const inPhase = boxes.filter((b) => b.phase === phase);
      const phaseUs = inPhase.reduce((s, b) => s + b.us, 0);
      values.push(
        box(
          phase,
          phase,
          0,
          x,
          phaseUs,
          `phase ${phase}\n${formatNs(phaseUs * 1000)} per packet (${share(phaseUs)} of the path), ${inPhase.length} stage(s)`,
        ),
      );
      for (const s of inPhase) {
        values.push(
          box(
            s.name,
            phase,
            1,
            x,
            s.us,
            `stage ${s.name} (phase ${phase})\n${formatNs(s.us * 1000)} per packet (${share(s.us)} of the path), walked by ${s.packets} packets`,
          ),
        );
        x += s.us;
      }
    }
    function box(
      label: string,
      phase: string,
      depth: number,
      x0: number,
      us: number,
      hover: string,
    ): Record<string, unknown> {
      return {
        name: label,
        phase,
        depth,
        x0,
        x1: x0 + us,
        us,
        label: fitLabel(label, us / usPerPx),
        hover,
      };
    }
    return buildFlamePanel({
      title: name,
      values,
      depth: 1,
      domainUs: widestUs,
      xTitle: X_TITLE,
      yTitle: 'level',
      rowPx: 30,
      color: {
        field: 'phase',
        type: 'nominal',
        title: 'phase',
        scale: { domain: [...PHASES], range: [...PHASE_COLOURS] },
        legend: { orient: 'bottom', columns: 7 },
      },
      tooltip: [
        { field: 'name', type: 'nominal', title: 'phase or stage' },
        { field: 'us', type: 'quantitative', title: 'time per packet (µs)', format: '.2f' },
      ],
    });
  });
  return {
    title: { text: titleOf('stage-flame'), subtitle },
    config: CHART_CONFIG,
    vconcat: panels,
    resolve: { scale: { x: 'shared', color: 'shared' } },
  };
}
