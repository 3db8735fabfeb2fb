/**
 * CPU flame graph per run (an icicle: the root on top, callees below), from the networking
 * stacks of RunReport.cpu (cpu-stacks.ts): one panel per run with stack samples, box width =
 * CPU time per packet through that frame, on one x scale for all runs so kernels compare by
 * width. Boxes are coloured by the receive-path category of their function. Narrow frames are
 * merged into one box per parent (flame-tree.ts), so each panel's width stays the run's
 * networking CPU per packet. Hover text comes from the `description` channel (svg-titles.ts).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../../model/report.js';
import { formatCount, formatNs, formatPercent } from '../format.js';
import { nameChartRuns } from '../run-names.js';
import { CHART_CONFIG } from './chart-style.js';
import { titleOf } from './chart-refs.js';
import {
  classifyBox,
  FRAME_KIND_COLOURS,
  FRAME_KINDS,
  listPacketStacks,
  ROOT_FRAME,
} from './cpu-stacks.js';
import { addFlameStack, createFlameNode, fitLabel, layoutFlame } from './flame-tree.js';
import {
  buildFlamePanel,
  FLAME_WIDTH,
  FLAME_MAX_DEPTH,
  MIN_BOX_PX,
  noDataChart,
} from './flame-panel.js';

const X_TITLE = 'CPU time per packet (µs)';

export function buildCpuFlame(model: ReportModel): TopLevelSpec {
  const names = nameChartRuns(model.runs);
  const runs = model.runs.flatMap((run, i) => {
    const stacks = run.cpu ? listPacketStacks(run.cpu) : null;
    return stacks ? [{ name: names[i] ?? '', stacks, nsPerPacket: run.cpu?.nsPerPacket ?? 0 }] : [];
  });
  const without = names.filter((n) => !runs.some((r) => r.name === n));
  const subtitle = [
    'networking stack samples per packet; width = CPU time per packet through the frame; root on top',
    without.length > 0 ? `no CPU samples (record with --cpu): ${without.join(', ')}` : '',
  ].filter((s) => s !== '');
  if (runs.length === 0) return noDataChart('cpu-flame', subtitle, X_TITLE);
  const widestUs = Math.max(...runs.map((r) => r.nsPerPacket / 1000), 1e-9);
  const usPerPx = widestUs / FLAME_WIDTH;
  const panels = runs.map((r) => {
    const root = createFlameNode(ROOT_FRAME, 1);
    for (const s of r.stacks) addFlameStack(root, s.frames, 0, s.nsPerPacket / 1000, s.samples);
    const boxes = layoutFlame(root, {
      widthOf: (v) => v[0] ?? 0,
      minSpan: MIN_BOX_PX * usPerPx,
      maxDepth: FLAME_MAX_DEPTH,
    });
    const rootUs = root.values[0] ?? 0;
    const values = boxes.map((b) => {
      const us = b.values[0] ?? 0;
      const samples = b.samples[0] ?? 0;
      const share = rootUs > 0 ? formatPercent(us / rootUs) : 'n/a';
      return {
        frame: b.name,
        kind: classifyBox(b.name, b.merged),
        depth: b.depth,
        x0: b.x0,
        x1: b.x1,
        us,
        share,
        samples,
        label: fitLabel(b.name, (b.x1 - b.x0) / usPerPx),
        hover: `${b.name}\n${formatNs(us * 1000)} per packet (${share} of ${r.name}'s networking CPU), ${formatCount(samples)} samples`,
      };
    });
    return buildFlamePanel({
      title: r.name,
      values,
      depth: Math.max(...boxes.map((b) => b.depth)),
      domainUs: widestUs,
      xTitle: X_TITLE,
      color: {
        field: 'kind',
        type: 'nominal',
        title: 'receive-path category of the frame',
        legend: { orient: 'bottom', columns: 5, titleLimit: 400 },
        scale: { domain: [...FRAME_KINDS], range: [...FRAME_KIND_COLOURS] },
      },
      tooltip: [
        { field: 'frame', type: 'nominal', title: 'frame' },
        { field: 'us', type: 'quantitative', title: 'CPU per packet (µs)', format: '.3f' },
        { field: 'share', type: 'nominal', title: 'share of the run' },
        { field: 'samples', type: 'quantitative', title: 'samples' },
      ],
    });
  });
  return {
    title: { text: titleOf('cpu-flame'), subtitle },
    config: CHART_CONFIG,
    vconcat: panels,
    resolve: { scale: { x: 'shared', color: 'shared' } },
  };
}
