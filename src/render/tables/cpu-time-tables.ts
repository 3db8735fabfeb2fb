/**
 * CPU time per packet from perf stack samples: per run (RunReport.cpu, src/cpu/) by receive-path
 * category with its share of the networking total, and per comparison (Comparison.cpu) the
 * change per category. Runs recorded without --cpu have no such data, and the tables say so.
 */
import type { CpuComparison, CpuSummary, NsPerPacketDelta } from '../../model/cpu.js';
import type { ReportModel, RunReport } from '../../model/report.js';
import {
  formatCount,
  formatNs,
  formatPercent,
  formatSignedNs,
  formatSignedPercent,
} from '../format.js';
import { findRun, nameRun } from '../run-names.js';
import type { Table } from '../table.js';

export const NO_CPU_SAMPLES = 'no CPU samples recorded (record with --cpu)';

const TIME_SOURCES: Record<CpuSummary['timeSource'], string> = {
  period: 'time from the samples’ periods',
  frequency: 'time = samples / sampling frequency',
  unknown: 'no time unit known: sample counts only',
};

/** One line on where the numbers come from: samples, event, how ns were derived, packets. */
export function describeCpuSource(cpu: CpuSummary): string {
  const event = cpu.event === '' ? 'no sampling event' : cpu.event;
  return (
    `${formatCount(cpu.samples)} samples of ${event} in ${cpu.file} ` +
    `(${TIME_SOURCES[cpu.timeSource]}), over ${formatCount(cpu.packets)} wire packets`
  );
}

const perPacket = (ns: number | null): string => (ns === null ? 'n/a' : formatNs(ns));

/**
 * Networking categories that have samples, with their CPU per packet and share of the networking
 * total, then the total, then what is not networking (idle, user space), which it leaves out.
 */
export function buildCpuTimeTable(cpu: CpuSummary): Table {
  const networkingNs = cpu.perCategory
    .filter((c) => c.category !== 'not-networking')
    .reduce((sum, c) => sum + c.ns, 0);
  const share = (ns: number): string =>
    networkingNs > 0 ? formatPercent(ns / networkingNs) : 'n/a';
  const rows = cpu.perCategory
    .filter((c) => c.category !== 'not-networking' && c.samples > 0)
    .map((c) => [c.category, formatCount(c.samples), perPacket(c.nsPerPacket), share(c.ns)]);
  const networkingSamples = cpu.perCategory
    .filter((c) => c.category !== 'not-networking')
    .reduce((sum, c) => sum + c.samples, 0);
  rows.push([
    'total (networking)',
    formatCount(networkingSamples),
    perPacket(cpu.nsPerPacket),
    networkingNs > 0 ? '100.0%' : 'n/a',
  ]);
  const rest = cpu.perCategory.find((c) => c.category === 'not-networking');
  if (rest) {
    rows.push([
      'not networking (not in the total)',
      formatCount(rest.samples),
      perPacket(rest.nsPerPacket),
      '-',
    ]);
  }
  return {
    header: ['category', 'samples', 'CPU per packet', 'share of networking'],
    align: ['left', 'right', 'right', 'right'],
    rows,
  };
}

function deltaCells(d: NsPerPacketDelta): string[] {
  return [
    perPacket(d.baselineNsPerPacket),
    perPacket(d.candidateNsPerPacket),
    d.deltaNsPerPacket === null ? 'n/a' : formatSignedNs(d.deltaNsPerPacket),
    d.deltaRel === null ? 'n/a' : formatSignedPercent(d.deltaRel),
  ];
}

/** Categories either run spent time in, then the networking total. */
export function buildCpuDeltaTable(cmp: CpuComparison): Table {
  const used = cmp.perCategory.filter(
    (c) =>
      c.category !== 'not-networking' &&
      ((c.baselineNsPerPacket ?? 0) > 0 || (c.candidateNsPerPacket ?? 0) > 0),
  );
  return {
    header: ['category', 'baseline per packet', 'candidate per packet', 'delta', 'relative'],
    align: ['left', 'right', 'right', 'right', 'right'],
    rows: [
      ...used.map((c) => [c.category, ...deltaCells(c)]),
      ['total (networking)', ...deltaCells(cmp.total)],
    ],
  };
}

/** Why a comparison has no CPU table: the runs (by name) that have no stack samples. */
export function describeMissingCpu(model: ReportModel, sides: readonly string[]): string {
  const lacking = sides
    .map((name) => findRun(model, name))
    .filter((r): r is RunReport => r !== undefined && !r.cpu)
    .map(nameRun);
  return lacking.length > 0 ? `${NO_CPU_SAMPLES}: ${lacking.join(', ')}` : NO_CPU_SAMPLES;
}
