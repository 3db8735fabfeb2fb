/**
 * Where a run folder keeps its perf stack samples (docs/run-folder.md): cpu/perf-script.txt,
 * or the same gzipped. Absent for runs recorded without --cpu.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

export const CPU_FILES = ['cpu/perf-script.txt', 'cpu/perf-script.txt.gz'] as const;

export interface CpuFile {
  path: string;
  /** Relative to the run folder, for messages and the summary. */
  relPath: string;
}

export async function findCpuFile(dir: string): Promise<CpuFile | null> {
  for (const relPath of CPU_FILES) {
    const path = join(dir, relPath);
    const found = await stat(path).then(
      (s) => s.isFile(),
      () => false,
    );
    if (found) return { path, relPath };
  }
  return null;
}
