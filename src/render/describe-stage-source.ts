/**
 * One line under a run's stage table saying where its figures come from, when that is not the
 * packet timelines: aggregate recordings take the stage table from the kernel's histograms of
 * every packet, while everything else comes from the sampled timelines.
 */
import type { RunReport } from '../model/report.js';

/** The line, or null for stage tables computed from the timelines (the usual case). */
export function describeStageSource(run: RunReport): string | null {
  if (run.stageSource !== 'kernel-histograms') return null;
  const error = ((run.relativeError ?? 0) * 100).toFixed(1);
  return (
    `stage source: kernel histograms of every packet (percentiles within ${error}%; min, max ` +
    'and mean from bucket midpoints); packets, checkpoints, flows, CPUs and end-to-end come ' +
    'from the sampled timelines'
  );
}
