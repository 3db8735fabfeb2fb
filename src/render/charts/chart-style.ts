/**
 * Shared look of every chart: fixed colours per phase (the same phase is the same colour in
 * every report), a white background, and helpers for the run and stage axes. Fonts are generic
 * families only: the SVGs must render without fetching anything.
 */
import type { Config } from 'vega-lite';
import type { Phase } from '../../model/checkpoint.js';
import { CHECKPOINTS, checkpointOrder, type CheckpointId } from '../../model/checkpoint.js';

/** Phases in path order, for the colour legend. */
export const PHASES: readonly Phase[] = [
  'sender',
  'nic',
  'outer',
  'decap',
  'bridge',
  'container',
  'socket',
];

// Light enough for dark segment labels, distinct enough to tell neighbours apart.
export const PHASE_COLOURS: readonly string[] = [
  '#c7c7c7',
  '#9ecae1',
  '#6baed6',
  '#fdae6b',
  '#fdd0a2',
  '#a1d99b',
  '#bcbddc',
];

export const CHART_CONFIG: Config = {
  background: 'white',
  font: 'sans-serif',
  padding: 8,
  legend: { labelLimit: 320 },
  axis: { labelLimit: 320 },
  title: { anchor: 'start', subtitleColor: '#555' },
};

/** Width of the plotting area, px. */
export const CHART_WIDTH = 640;

/** Sort key of a checkpoint id; unknown ids (from newer models) go last. */
function orderOf(id: string): number {
  const known = CHECKPOINTS.some((c) => c.id === id);
  return known ? checkpointOrder(id as CheckpointId) : CHECKPOINTS.length;
}

/** Compare two stages by path order of their ends, then by name for a stable tie-break. */
export function compareStages(
  a: { from: string; to: string; name: string },
  b: { from: string; to: string; name: string },
): number {
  return (
    orderOf(a.from) - orderOf(b.from) ||
    orderOf(a.to) - orderOf(b.to) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/** Checkpoint ids sorted in path order, duplicates removed. */
export function sortCheckpoints(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => orderOf(a) - orderOf(b) || (a < b ? -1 : 1));
}

/** ns to µs for the axes; log scales cannot show 0, so values are floored at 1 ns. */
export function toLogMicros(ns: number): number {
  return Math.max(ns, 1) / 1000;
}
