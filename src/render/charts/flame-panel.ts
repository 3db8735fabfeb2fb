/**
 * One flame panel (rect boxes on depth rows, labels where they fit) for the flame-style charts,
 * and the note chart they show when no run has the data. Boxes come from flame-tree.ts with x0,
 * x1 in µs per packet and a depth; `hover` becomes each box's description, which svg-titles.ts
 * turns into the hover <title> of report.html.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LayerSpec } from 'vega-lite/types_unstable/spec/layer.js';
import type { Field } from 'vega-lite/types_unstable/channeldef.js';
import { CHART_CONFIG, CHART_WIDTH } from './chart-style.js';
import { titleOf } from './chart-refs.js';

type Encoding = NonNullable<LayerSpec<Field>['encoding']>;

/** Boxes narrower than this many pixels are merged per parent. */
export const MIN_BOX_PX = 2;
/** Deepest row drawn; deeper frames stay inside their ancestor's box. */
export const FLAME_MAX_DEPTH = 60;
/**
 * Width of a flame panel, px: wider than the other charts because box labels need the room;
 * the legend goes below so the panel can use the page's width.
 */
export const FLAME_WIDTH = 900;
/** Height of one stack row, px. */
export const ROW_PX = 14;

export interface FlamePanelInput {
  title: string;
  values: Record<string, unknown>[];
  /** Deepest row among the values. */
  depth: number;
  /** Right end of the x axis (µs per packet), the same for every panel of a chart. */
  domainUs: number;
  xTitle: string;
  /** Defaults to the stack depth. */
  yTitle?: string;
  /** Row height, px; ROW_PX by default. */
  rowPx?: number;
  color: Encoding['color'];
  tooltip: Encoding['tooltip'];
}

export function buildFlamePanel(p: FlamePanelInput): LayerSpec<Field> {
  const rows = p.depth + 1;
  const y: Encoding['y'] = {
    field: 'depth',
    type: 'quantitative',
    scale: { domain: [0, rows], reverse: true, nice: false },
    axis: p.yTitle
      ? { labels: false, ticks: false, grid: false }
      : { tickMinStep: 1, format: 'd', grid: false },
    title: p.yTitle ?? 'stack depth (frames)',
  };
  return {
    title: { text: p.title, fontSize: 12 },
    width: FLAME_WIDTH,
    height: rows * (p.rowPx ?? ROW_PX),
    data: { values: p.values },
    transform: [
      { calculate: 'datum.depth + 1', as: 'depthEnd' },
      { calculate: 'datum.depth + 0.5', as: 'depthMid' },
    ],
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: {
            field: 'x0',
            type: 'quantitative',
            scale: { domain: [0, p.domainUs], nice: false, zero: true },
            title: p.xTitle,
          },
          x2: { field: 'x1' },
          y,
          y2: { field: 'depthEnd' },
          color: p.color,
          tooltip: p.tooltip,
          description: { field: 'hover', type: 'nominal' },
        },
      },
      {
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'middle',
          dx: 3,
          fontSize: 10,
          fill: '#111',
        },
        encoding: {
          x: { field: 'x0', type: 'quantitative' },
          y: { field: 'depthMid', type: 'quantitative' },
          text: { field: 'label', type: 'nominal' },
        },
      },
    ],
  };
}

/** Empty axes with a note, for a report where no run has what the chart needs. */
export function noDataChart(id: string, subtitle: string[], xTitle: string): TopLevelSpec {
  return {
    title: { text: titleOf(id), subtitle },
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: 80,
    data: {
      values: [{ x: 0.5, y: 0.5, note: 'no run in this report has the data', key: 'no data' }],
    },
    mark: { type: 'text', fontSize: 14, fill: '#555' },
    encoding: {
      x: { field: 'x', type: 'quantitative', scale: { domain: [0, 1] }, title: xTitle },
      y: {
        field: 'y',
        type: 'quantitative',
        scale: { domain: [0, 1] },
        title: 'stack depth (frames)',
      },
      text: { field: 'note', type: 'nominal' },
      color: { field: 'key', type: 'nominal', title: 'data', scale: { range: ['#555'] } },
    },
  };
}
