/**
 * Folded stacks -> CpuSummary: CPU time per receive-path category and per packet, and the
 * heaviest stacks. Time is the samples' periods where they are ns (cpu-clock, task-clock),
 * else samples divided by the sampling frequency of the perf command that recorded them.
 */
import type { CpuCategory, CpuCategoryStats, CpuSummary, FoldedStackStats } from '../model/cpu.js';
import { FOLDED_TOP } from '../model/cpu.js';
import type { IngestCounters } from '../model/ingest.js';
import { classifyStack, createFunctionClassifier } from './classify-frames.js';
import { CPU_CATEGORIES } from './cpu-categories.js';
import { splitFoldedKey, type FoldedStacks } from './fold-stacks.js';

export interface CpuSummaryInput {
  file: string;
  event: string | null;
  stacks: FoldedStacks;
  samples: number;
  samplesWithPeriod: number;
  /** -F of the perf command, samples per second per CPU; null when unknown. */
  frequencyHz: number | null;
  packets: number;
  ingest: IngestCounters;
  /** Stacks kept in `folded.top`; FOLDED_TOP by default. */
  top?: number;
}

/** Events whose period counts nanoseconds. */
const NS_PERIOD_EVENTS = ['cpu-clock', 'task-clock'];

export function summariseCpu(input: CpuSummaryInput): CpuSummary {
  const event = input.event ?? '';
  const base = event.split(':')[0] ?? '';
  const byPeriod =
    input.samples > 0 &&
    input.samplesWithPeriod === input.samples &&
    NS_PERIOD_EVENTS.includes(base);
  const timeSource = byPeriod ? 'period' : input.frequencyHz !== null ? 'frequency' : 'unknown';
  const nsPerSample = input.frequencyHz !== null ? 1e9 / input.frequencyHz : 0;
  const toNs = (weight: number, samples: number): number =>
    timeSource === 'period' ? weight : Math.round(samples * nsPerSample);

  const totals = new Map<CpuCategory, { samples: number; weight: number }>(
    CPU_CATEGORIES.map((c) => [c.category, { samples: 0, weight: 0 }]),
  );
  const lookup = createFunctionClassifier();
  for (const [key, entry] of input.stacks) {
    const frames = splitFoldedKey(key).slice(1);
    const t = totals.get(classifyStack(frames, lookup));
    if (t === undefined) continue;
    t.samples += entry.samples;
    t.weight += entry.weight;
  }
  const perPacket = (ns: number): number | null => (input.packets > 0 ? ns / input.packets : null);
  const perCategory: CpuCategoryStats[] = CPU_CATEGORIES.map((c) => {
    const t = totals.get(c.category) ?? { samples: 0, weight: 0 };
    const ns = toNs(t.weight, t.samples);
    return {
      category: c.category,
      title: c.title,
      samples: t.samples,
      ns,
      nsPerPacket: perPacket(ns),
    };
  });
  const networkingNs = perCategory
    .filter((c) => c.category !== 'not-networking')
    .reduce((sum, c) => sum + c.ns, 0);
  let totalWeight = 0;
  for (const entry of input.stacks.values()) totalWeight += entry.weight;
  return {
    file: input.file,
    event,
    samples: input.samples,
    timeSource,
    totalNs: perCategory.reduce((sum, c) => sum + c.ns, 0),
    packets: input.packets,
    nsPerPacket: perPacket(networkingNs),
    perCategory,
    folded: topStacks(input.stacks, input.top ?? FOLDED_TOP, totalWeight),
    ingest: structuredClone(input.ingest),
  };
}

/** Heaviest stacks first (ties by text), and what the others add up to. */
function topStacks(stacks: FoldedStacks, top: number, totalWeight: number): CpuSummary['folded'] {
  const sorted = [...stacks].sort(
    (a, b) => b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  const kept: FoldedStackStats[] = sorted.slice(0, top).map(([key, e]) => ({
    stack: splitFoldedKey(key).join(';'),
    samples: e.samples,
    weight: e.weight,
  }));
  let otherSamples = 0;
  let otherWeight = 0;
  for (const [, e] of sorted.slice(top)) {
    otherSamples += e.samples;
    otherWeight += e.weight;
  }
  return { top: kept, distinct: stacks.size, otherSamples, otherWeight, totalWeight };
}
