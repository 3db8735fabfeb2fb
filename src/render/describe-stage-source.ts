/**
 * One line under a run's stage table saying where its figures come from, when that needs
 * saying: aggregate recordings take the stage table from the kernel's histograms of every
 * packet, while everything else comes from the sampled timelines; runs bpftrace printed event
 * by event carry the printing's cost in every stage.
 */
import type { RunReport } from '../model/report.js';

/** The line, or null for stage tables computed from timelines nothing printed in the path. */
export function describeStageSource(run: RunReport): string | null {
  if (run.printedInPath) {
    return (
      'stage source: packet timelines that bpftrace printed event by event from inside the path, ' +
      'which adds its printing to every stage (on the lab of the machines econ-trace is developed ' +
      'on, outer_rcv>inner_rcv reads 5.4 µs this way against 2.1 µs measured in the kernel); ' +
      'record with the default aggregate mode for stage latencies'
    );
  }
  if (run.stageSource !== 'kernel-histograms') return null;
  const error = ((run.relativeError ?? 0) * 100).toFixed(1);
  return (
    `stage source: kernel histograms of every packet (percentiles within ${error}%; min, max ` +
    'and mean from bucket midpoints); packets, checkpoints, flows, CPUs and end-to-end come ' +
    'from the sampled timelines'
  );
}
