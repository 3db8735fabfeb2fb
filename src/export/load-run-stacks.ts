/**
 * A run's perf stack samples, folded, for the exports; null when the run has no cpu/ file.
 */
import { findCpuFile } from '../cpu/find-cpu-file.js';
import { foldCpuFile, type FoldedFile } from '../cpu/fold-cpu-file.js';

export interface RunStacks extends FoldedFile {
  relPath: string;
  /** Weights are ns: every sample printed its period and the event counts ns. */
  weightsAreNs: boolean;
}

export async function loadRunStacks(dir: string): Promise<RunStacks | null> {
  const file = await findCpuFile(dir);
  if (file === null) return null;
  const folded = await foldCpuFile(file.path, file.relPath);
  const base = (folded.event ?? '').split(':')[0] ?? '';
  const weightsAreNs =
    folded.folder.samples > 0 &&
    folded.folder.samplesWithPeriod === folded.folder.samples &&
    (base === 'cpu-clock' || base === 'task-clock');
  return { ...folded, relPath: file.relPath, weightsAreNs };
}
