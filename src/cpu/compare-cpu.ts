/**
 * CPU per packet of two runs, category by category: candidate minus baseline, and the change
 * relative to the baseline. No intervals: a profile is one sample of each kernel, and the
 * sample counts are in each run's summary for judging how much a difference means.
 */
import type { CpuComparison, CpuSummary, NsPerPacketDelta } from '../model/cpu.js';

export function compareCpu(baseline: CpuSummary, candidate: CpuSummary): CpuComparison {
  const byCategory = new Map(candidate.perCategory.map((c) => [c.category, c]));
  return {
    total: deltaOf(baseline.nsPerPacket, candidate.nsPerPacket),
    perCategory: baseline.perCategory.map((b) => ({
      category: b.category,
      ...deltaOf(b.nsPerPacket, byCategory.get(b.category)?.nsPerPacket ?? null),
    })),
  };
}

function deltaOf(base: number | null, cand: number | null): NsPerPacketDelta {
  const delta = base !== null && cand !== null ? cand - base : null;
  return {
    baselineNsPerPacket: base,
    candidateNsPerPacket: cand,
    deltaNsPerPacket: delta,
    deltaRel: delta !== null && base !== null && base !== 0 ? delta / base : null,
  };
}
