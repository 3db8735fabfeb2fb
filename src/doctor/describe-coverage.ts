/**
 * Which checkpoints (src/model/checkpoint.ts) a probe plan can see, and through which point and
 * mechanism: the doctor's answer to "what would a recording here show, and what would it miss".
 */
import { CHECKPOINTS, type CheckpointId } from '../model/checkpoint.js';
import type { ProbeMechanism, ProbePlanEntry } from '../model/manifest.js';
import { POINT_PROBES } from './probe-table.js';

export interface CheckpointCoverage {
  checkpoint: CheckpointId;
  /** ECON.md stage number. */
  stage: number;
  /** Plan entries whose events can become this checkpoint; empty when none can. */
  via: { point: string; mechanism: ProbeMechanism }[];
}

export function describeCoverage(plan: readonly ProbePlanEntry[]): CheckpointCoverage[] {
  return CHECKPOINTS.map((c) => ({
    checkpoint: c.id,
    stage: c.stage,
    via: plan
      .filter((e) =>
        POINT_PROBES.some(
          (row) => row.point === e.point && (row.checkpoints as string[]).includes(c.id),
        ),
      )
      .map((e) => ({ point: e.point, mechanism: e.mechanism })),
  }));
}
