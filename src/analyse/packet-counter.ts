/**
 * Per-packet counts from the closed timelines: completeness against the checkpoints expected for
 * the packet's ECON outcome, packets per checkpoint, hops per CPU, cross-CPU hops, clones,
 * wire packets (GRO/GSO segments) and why timelines ended.
 */
import { CHECKPOINTS, checkpointOrder, type CheckpointId } from '../model/checkpoint.js';
import type { CheckpointCount, CpuStats, PacketCounts } from '../model/report.js';
import type { EconOutcome, PacketTimeline } from '../model/timeline.js';
import type { HopColumns } from './hop-columns.js';

/** CPUs -1 (unknown) to DENSE_CPUS - 2 are counted in an array, any others in a map. */
const DENSE_CPUS = 1025;

export type ExpectedCheckpoints = (econ: EconOutcome | null) => CheckpointId[];

export interface PacketCounter {
  readonly expected: ExpectedCheckpoints;
  /** Bit mask (1 << path order) of expected checkpoints, per ECON outcome, computed once each. */
  readonly expectedMasks: Map<EconOutcome | null, number>;
  total: number;
  complete: number;
  wirePackets: number;
  clonesLinked: number;
  crossCpuHops: number;
  endedBy: { freed: number; timeout: number; endOfTrace: number };
  /** Packets per checkpoint, indexed by path order. */
  readonly atCheckpoint: Float64Array;
  /** Hops per CPU, index cpu + 1. */
  readonly hopsPerCpu: Float64Array;
  readonly hopsPerOtherCpu: Map<number, number>;
}

export function createPacketCounter(expected: ExpectedCheckpoints): PacketCounter {
  return {
    expected,
    expectedMasks: new Map(),
    total: 0,
    complete: 0,
    wirePackets: 0,
    clonesLinked: 0,
    crossCpuHops: 0,
    endedBy: { freed: 0, timeout: 0, endOfTrace: 0 },
    atCheckpoint: new Float64Array(CHECKPOINTS.length),
    hopsPerCpu: new Float64Array(DENSE_CPUS),
    hopsPerOtherCpu: new Map(),
  };
}

function maskOf(ids: readonly CheckpointId[]): number {
  let m = 0;
  for (const id of ids) m |= 1 << checkpointOrder(id);
  return m;
}

function expectedMask(pc: PacketCounter, econ: EconOutcome | null): number {
  let m = pc.expectedMasks.get(econ);
  if (m === undefined) {
    m = maskOf(pc.expected(econ));
    pc.expectedMasks.set(econ, m);
  }
  return m;
}

function countCpuHop(pc: PacketCounter, cpu: number): void {
  const slot = cpu + 1;
  if (slot >= 0 && slot < DENSE_CPUS) pc.hopsPerCpu[slot] = (pc.hopsPerCpu[slot] ?? 0) + 1;
  else pc.hopsPerOtherCpu.set(cpu, (pc.hopsPerOtherCpu.get(cpu) ?? 0) + 1);
}

/** `hops` are t.hops as columns (fillHopColumns). */
export function addTimelinePackets(pc: PacketCounter, t: PacketTimeline, hops: HopColumns): void {
  pc.total += 1;
  pc.wirePackets += t.segs > 0 ? t.segs : 1;
  pc.clonesLinked += t.clones;
  if (t.end === 'freed') pc.endedBy.freed += 1;
  else if (t.end === 'timeout') pc.endedBy.timeout += 1;
  else pc.endedBy.endOfTrace += 1;

  let seen = 0;
  let prevCpu = -1;
  for (let i = 0; i < hops.n; i++) {
    const order = hops.order[i] ?? 0;
    const cpu = hops.cpu[i] ?? -1;
    seen |= 1 << order;
    pc.atCheckpoint[order] = (pc.atCheckpoint[order] ?? 0) + 1;
    countCpuHop(pc, cpu);
    // A CPU of -1 means the source did not say: not evidence of a migration either way.
    if (i > 0 && cpu >= 0 && prevCpu >= 0 && cpu !== prevCpu) pc.crossCpuHops += 1;
    prevCpu = cpu;
  }
  const want = expectedMask(pc, t.econ);
  if ((seen & want) === want) pc.complete += 1;
}

export interface PacketResults {
  packets: PacketCounts;
  checkpoints: CheckpointCount[];
  cpus: CpuStats[];
}

/**
 * `expectedCheckpoints` in the report are those for a packet with no ECON decision (the full
 * path): the list a reader checks the probe plan against. Checkpoints listed are those seen or
 * expected, in path order, so an expected checkpoint no packet reached shows as 0.
 */
export function finishPackets(pc: PacketCounter): PacketResults {
  const expectedCheckpoints = pc.expected(null);
  const expectedSet = new Set<CheckpointId>(expectedCheckpoints);
  const checkpoints: CheckpointCount[] = [];
  CHECKPOINTS.forEach((c, i) => {
    const packets = pc.atCheckpoint[i] ?? 0;
    if (packets > 0 || expectedSet.has(c.id)) checkpoints.push({ checkpoint: c.id, packets });
  });
  const perCpu = new Map(pc.hopsPerOtherCpu);
  pc.hopsPerCpu.forEach((hops, slot) => {
    if (hops > 0) perCpu.set(slot - 1, hops);
  });
  const cpus = [...perCpu.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([cpu, hops]) => ({ cpu, hops }));
  return {
    packets: {
      total: pc.total,
      complete: pc.complete,
      completeness: pc.total === 0 ? 0 : pc.complete / pc.total,
      wirePackets: pc.wirePackets,
      clonesLinked: pc.clonesLinked,
      crossCpuHops: pc.crossCpuHops,
      endedBy: { ...pc.endedBy },
      expectedCheckpoints: [...expectedCheckpoints],
    },
    checkpoints,
    cpus,
  };
}
