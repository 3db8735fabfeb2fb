/**
 * Differential CPU flame graph, one panel per comparison whose runs both have stack samples:
 * both runs' networking stacks per packet (cpu-stacks.ts) merged into one tree; a box is as wide
 * as the larger of its two values (and at least as wide as its children), so a frame that
 * vanished in the candidate keeps its baseline width and stays visible, and one that appeared
 * keeps its candidate width. Colour is the change per packet, (candidate - baseline) / baseline:
 * red grew, blue shrank, clamped at ±100% (a new frame is +100%, a vanished one -100%).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from '../../model/report.js';
import { formatNs, formatSignedPercent } from '../format.js';
import { findRun, nameChartRuns } from '../run-names.js';
import { CHART_CONFIG } from './chart-style.js';
import { titleOf } from './chart-refs.js';
import { listPacketStacks, ROOT_FRAME, type PacketStack } from './cpu-stacks.js';
import { addFlameStack, createFlameNode, fitLabel, layoutFlame } from './flame-tree.js';
import {
  buildFlamePanel,
  FLAME_WIDTH,
  FLAME_MAX_DEPTH,
  MIN_BOX_PX,
  noDataChart,
} from './flame-panel.js';

const X_TITLE = 'CPU time per packet, larger of the two runs (µs)';

interface Pair {
  title: string;
  base: PacketStack[];
  cand: PacketStack[];
}

/** Change of a box, as a percentage for the colour scale, and in words for the hover text. */
function describeChange(base: number, cand: number): { pct: number; text: string } {
  if (base <= 0) return { pct: 100, text: cand > 0 ? 'new in the candidate' : 'none' };
  const rel = (cand - base) / base;
  const text = cand <= 0 ? 'vanished in the candidate (-100.0%)' : formatSignedPercent(rel);
  return { pct: Math.max(-100, Math.min(100, rel * 100)), text };
}

export function buildCpuDiffFlame(model: ReportModel): TopLevelSpec {
  const names = nameChartRuns(model.runs);
  const nameOf = (source: string): string => {
    const run = findRun(model, source);
    return run ? (names[model.runs.indexOf(run)] ?? source) : source;
  };
  const pairs: Pair[] = model.comparisons.flatMap((cmp) => {
    const b = findRun(model, cmp.baseline)?.cpu;
    const c = findRun(model, cmp.candidate)?.cpu;
    const base = b ? listPacketStacks(b) : null;
    const cand = c ? listPacketStacks(c) : null;
    if (!base || !cand) return [];
    return [{ title: `${nameOf(cmp.candidate)} against ${nameOf(cmp.baseline)}`, base, cand }];
  });
  const subtitle = [
    'width = the larger of baseline and candidate CPU per packet, so vanished frames stay visible;',
    'colour = (candidate - baseline) / baseline: red grew, blue shrank',
  ];
  if (pairs.length === 0) {
    return noDataChart(
      'cpu-diff-flame',
      [...subtitle, 'no comparison has CPU samples on both sides (record with --cpu)'],
      X_TITLE,
    );
  }
  const trees = pairs.map((p) => {
    const root = createFlameNode(ROOT_FRAME, 2);
    for (const s of p.base) addFlameStack(root, s.frames, 0, s.nsPerPacket / 1000, s.samples);
    for (const s of p.cand) addFlameStack(root, s.frames, 1, s.nsPerPacket / 1000, s.samples);
    return root;
  });
  const widthOf = (v: readonly number[]): number => Math.max(v[0] ?? 0, v[1] ?? 0);
  // The root's span is at least its own width; the widest root sets the shared axis.
  const widestUs = Math.max(
    ...trees.map((t) => layoutFlame(t, { widthOf, minSpan: 0, maxDepth: 0 })[0]?.x1 ?? 0),
    1e-9,
  );
  const usPerPx = widestUs / FLAME_WIDTH;
  const panels = pairs.map((p, i) => {
    const root = trees[i] ?? createFlameNode(ROOT_FRAME, 2);
    const boxes = layoutFlame(root, {
      widthOf,
      minSpan: MIN_BOX_PX * usPerPx,
      maxDepth: FLAME_MAX_DEPTH,
    });
    const values = boxes.map((b) => {
      const base = b.values[0] ?? 0;
      const cand = b.values[1] ?? 0;
      const change = describeChange(base, cand);
      return {
        frame: b.name,
        depth: b.depth,
        x0: b.x0,
        x1: b.x1,
        baseUs: base,
        candUs: cand,
        changePct: change.pct,
        change: change.text,
        label: fitLabel(b.name, (b.x1 - b.x0) / usPerPx),
        hover:
          `${b.name}\nbaseline ${formatNs(base * 1000)} per packet, candidate ` +
          `${formatNs(cand * 1000)} per packet: ${change.text}`,
      };
    });
    return buildFlamePanel({
      title: p.title,
      values,
      depth: Math.max(...boxes.map((b) => b.depth)),
      domainUs: widestUs,
      xTitle: X_TITLE,
      color: {
        field: 'changePct',
        type: 'quantitative',
        title: 'change per packet (%)',
        legend: { orient: 'bottom', titleLimit: 400 },
        // Mid-tone ends, not redblue's darkest: box labels are dark text and must stay readable.
        scale: {
          domain: [-100, 0, 100],
          range: ['#4a90d9', '#f7f7f7', '#e8554a'],
          clamp: true,
        },
      },
      tooltip: [
        { field: 'frame', type: 'nominal', title: 'frame' },
        { field: 'baseUs', type: 'quantitative', title: 'baseline per packet (µs)', format: '.3f' },
        {
          field: 'candUs',
          type: 'quantitative',
          title: 'candidate per packet (µs)',
          format: '.3f',
        },
        { field: 'change', type: 'nominal', title: 'change' },
      ],
    });
  });
  return {
    title: { text: titleOf('cpu-diff-flame'), subtitle },
    config: CHART_CONFIG,
    vconcat: panels,
    resolve: { scale: { x: 'shared', color: 'shared' } },
  };
}
