/**
 * A run folder's CPU samples -> CpuSummary, or null when the run has no cpu/ file.
 */
import type { CpuSummary } from '../model/cpu.js';
import type { RunManifest } from '../model/manifest.js';
import { findCpuFile } from './find-cpu-file.js';
import { foldCpuFile } from './fold-cpu-file.js';
import { readPerfFrequency } from './read-perf-frequency.js';
import { summariseCpu } from './summarise-cpu.js';

export async function analyseCpu(
  dir: string,
  manifest: RunManifest,
  packets: number,
): Promise<CpuSummary | null> {
  const file = await findCpuFile(dir);
  if (file === null) return null;
  const { folder, event, counters } = await foldCpuFile(file.path, file.relPath);
  return summariseCpu({
    file: file.relPath,
    event,
    stacks: folder.stacks,
    samples: folder.samples,
    samplesWithPeriod: folder.samplesWithPeriod,
    frequencyHz: readPerfFrequency(manifest.recorder.commands),
    packets,
    ingest: counters,
  });
}
