/**
 * Compare a candidate run with a baseline: per-stage and end-to-end deltas of p50, p99 and mean
 * (values from each run's histogram summaries, so they match the run tables), with bootstrap
 * 95% intervals from the runs' reservoir samples; the stages one path walks and the other does
 * not; a headline; and CPU per packet by category when both runs have stack samples.
 */
import { DEFAULT_RESERVOIR_SIZE } from '../analyse/reservoir.js';
import { deriveSeed } from '../analyse/prng.js';
import { spanSampleKey, stageSampleKey, type RunAnalysis } from '../analyse/run-analysis.js';
import { MAIN_SPAN } from '../analyse/span-accumulator.js';
import { compareCpu } from '../cpu/compare-cpu.js';
import type { Comparison, LatencySummary, StageDelta } from '../model/report.js';
import { bootstrapDeltaIntervals, EXACT_MEAN_MAX } from './bootstrap.js';
import { formatHeadline } from './format-headline.js';
import { makeDelta } from './make-delta.js';

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 1;
/** Below this many sampled values on either side an interval would mean little: none is given. */
export const MIN_CI_SAMPLES = 20;

export interface CompareOptions {
  resamples?: number;
  seed?: number;
}

interface Series {
  name: string;
  latency: LatencySummary;
}

function compareSeries(
  name: string,
  base: LatencySummary,
  cand: LatencySummary,
  baseSample: Float64Array | undefined,
  candSample: Float64Array | undefined,
  resamples: number,
  seed: number,
): StageDelta {
  const enough =
    baseSample !== undefined &&
    candSample !== undefined &&
    baseSample.length >= MIN_CI_SAMPLES &&
    candSample.length >= MIN_CI_SAMPLES;
  // Seeded per series, so one stage's interval does not change when another stage appears.
  const ci = enough
    ? bootstrapDeltaIntervals(baseSample, candSample, resamples, deriveSeed(seed, name))
    : null;
  return {
    name,
    p50: makeDelta(base.p50Ns, cand.p50Ns, ci?.p50 ?? null),
    p99: makeDelta(base.p99Ns, cand.p99Ns, ci?.p99 ?? null),
    mean: makeDelta(base.meanNs, cand.meanNs, ci?.mean ?? null),
  };
}

function compareList(
  base: readonly Series[],
  cand: readonly Series[],
  key: (name: string) => string,
  baseline: RunAnalysis,
  candidate: RunAnalysis,
  resamples: number,
  seed: number,
): StageDelta[] {
  const byName = new Map(cand.filter((s) => s.latency.count > 0).map((s) => [s.name, s]));
  const out: StageDelta[] = [];
  for (const b of base) {
    const c = byName.get(b.name);
    if (!c || b.latency.count === 0) continue;
    const bs = baseline.samples.get(key(b.name));
    const cs = candidate.samples.get(key(b.name));
    out.push(compareSeries(b.name, b.latency, c.latency, bs, cs, resamples, seed));
  }
  return out;
}

function walked(stages: readonly Series[]): Set<string> {
  return new Set(stages.filter((s) => s.latency.count > 0).map((s) => s.name));
}

export function describeCiMethod(resamples: number, seed: number): string {
  return (
    `95% intervals are percentile-bootstrap intervals of the candidate-minus-baseline statistic ` +
    `over ${resamples} resamples per run, drawn with replacement and independently from each ` +
    `run's uniform reservoir sample of up to ${DEFAULT_RESERVOIR_SIZE} values per stage or span ` +
    `(all values when fewer were recorded) with seed ${seed}, resample percentiles drawn exactly ` +
    `as Beta order statistics and resample means drawn value by value up to ${EXACT_MEAN_MAX} ` +
    `values and from their normal limit above, and none when a run has fewer than ` +
    `${MIN_CI_SAMPLES} values.`
  );
}

/** `baseline` and `candidate` in the result are the runs' sources (folder names). */
export function compareRuns(
  baseline: RunAnalysis,
  candidate: RunAnalysis,
  opts: CompareOptions = {},
): Comparison {
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const seed = opts.seed ?? DEFAULT_SEED;
  const b = baseline.report;
  const c = candidate.report;
  const stages = compareList(
    b.stages,
    c.stages,
    stageSampleKey,
    baseline,
    candidate,
    resamples,
    seed,
  );
  const endToEnd = compareList(
    b.endToEnd,
    c.endToEnd,
    spanSampleKey,
    baseline,
    candidate,
    resamples,
    seed,
  );
  const inBase = walked(b.stages);
  const inCand = walked(c.stages);
  return {
    baseline: b.source,
    candidate: c.source,
    stages,
    endToEnd,
    skippedByCandidate: b.stages
      .filter((s) => inBase.has(s.name) && !inCand.has(s.name))
      .map((s) => s.name),
    onlyInCandidate: c.stages
      .filter((s) => inCand.has(s.name) && !inBase.has(s.name))
      .map((s) => s.name),
    headline: formatHeadline(
      endToEnd.find((d) => d.name === MAIN_SPAN),
      c.econ,
    ),
    ciMethod: describeCiMethod(resamples, seed),
    // Only when both runs have stack samples: a comparison without CPU data carries no field.
    ...(b.cpu && c.cpu ? { cpu: compareCpu(b.cpu, c.cpu) } : {}),
  };
}
