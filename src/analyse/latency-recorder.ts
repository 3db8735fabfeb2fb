/**
 * One latency series (a stage or an end-to-end span): a histogram for the run tables and a
 * reservoir sample for the comparison's bootstrap, fed together so they describe the same values.
 */
import type { LatencySummary } from '../model/report.js';
import {
  createLogHistogram,
  recordValue,
  summariseHistogram,
  type LogHistogram,
} from './log-histogram.js';
import { deriveSeed } from './prng.js';
import { addToReservoir, createReservoir, reservoirSample, type Reservoir } from './reservoir.js';

/** Base seed of every reservoir; each series derives its own from its name. */
export const SAMPLE_SEED = 0x5eed;

export interface LatencyRecorder {
  readonly histogram: LogHistogram;
  readonly reservoir: Reservoir;
}

/** Seeded by name, so a series' sample does not depend on which other series exist. */
export function createLatencyRecorder(name: string): LatencyRecorder {
  return {
    histogram: createLogHistogram(),
    reservoir: createReservoir(undefined, deriveSeed(SAMPLE_SEED, name)),
  };
}

export function recordLatency(r: LatencyRecorder, ns: number): void {
  recordValue(r.histogram, ns);
  addToReservoir(r.reservoir, ns);
}

export function finishLatency(r: LatencyRecorder): {
  latency: LatencySummary;
  sample: Float64Array;
} {
  return { latency: summariseHistogram(r.histogram), sample: reservoirSample(r.reservoir) };
}
