/**
 * Time per packet of a stage, shared by the stage breakdown and the stage flame: a stage's mean
 * weighted by the share of packets that walked it (mean x count / packets), so a rare detour adds
 * its true weight and a run's stages add up to its mean path time per packet.
 */
import type { RunReport, StageStats } from '../../model/report.js';

/**
 * Checkpoints whose stages are waiting, not receive-path work: the application's read and the
 * free can come milliseconds later and would hide every stage of the path.
 */
const WAITING_ENDS: ReadonlySet<string> = new Set(['app_read', 'freed']);

/** True for a stage name ("from>to") that ends in a wait rather than receive-path work. */
export function isWaitingStageName(name: string): boolean {
  return WAITING_ENDS.has(name.split('>')[1] ?? '');
}

/** Stages that are receive-path work (not the wait for the application or the free). */
export function listPathStages(run: RunReport): StageStats[] {
  return run.stages.filter((s) => !WAITING_ENDS.has(s.to));
}

/** The stage's mean time per packet of the run, in µs. */
export function stageUsPerPacket(run: RunReport, stage: StageStats): number {
  const total = run.packets.total;
  return total > 0 ? (stage.latency.meanNs * stage.latency.count) / total / 1000 : 0;
}
