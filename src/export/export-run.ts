/**
 * `econ-trace export`: one run folder to a file another tool opens. The formats and what each
 * holds: perfetto (packet timelines, export-perfetto.ts), speedscope (CPU samples and packet
 * stages, export-speedscope.ts), folded (CPU samples for flamegraph.pl, export-folded.ts).
 */
import { rm } from 'node:fs/promises';
import { RunFolderError } from '../run-folder/run-folder-error.js';
import { ExportError } from './export-error.js';
import { exportFolded } from './export-folded.js';
import { exportPerfetto } from './export-perfetto.js';
import { exportSpeedscope } from './export-speedscope.js';

export const EXPORT_FORMATS = ['perfetto', 'speedscope', 'folded'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportResult {
  format: ExportFormat;
  run: string;
  out: string;
  bytes: number;
  /** Packet timelines written (perfetto, speedscope); 0 for folded. */
  packets: number;
  /** Stack samples written (speedscope, folded); 0 for perfetto or a run without cpu/. */
  samples: number;
}

/**
 * Writes the export; a failure part-way (an event file that turns out not to be its format)
 * removes the partial file. Errors found before writing leave an existing file alone.
 */
export async function exportRun(
  run: string,
  format: ExportFormat,
  out: string,
): Promise<ExportResult> {
  try {
    return await writeExport(run, format, out);
  } catch (err) {
    if (!(err instanceof ExportError || err instanceof RunFolderError)) {
      await rm(out, { force: true });
    }
    throw err;
  }
}

async function writeExport(run: string, format: ExportFormat, out: string): Promise<ExportResult> {
  const base = { format, run, out };
  if (format === 'perfetto') {
    const r = await exportPerfetto(run, out);
    return { ...base, bytes: r.bytes, packets: r.packets, samples: 0 };
  }
  if (format === 'speedscope') {
    const r = await exportSpeedscope(run, out);
    return { ...base, bytes: r.bytes, packets: r.packets, samples: r.samples };
  }
  const r = await exportFolded(run, out);
  return { ...base, bytes: r.bytes, packets: 0, samples: r.samples };
}
