/**
 * ECON's /proc control file: the patch adds it in fs/proc/stat.c ("a proc file for status and
 * configuration; ECON is off until enabled there", ECON.md), but ECON.md does not give its
 * name. The doctor looks for ECON_PROC_FILE and, when that is absent, lists every /proc entry
 * whose name starts with "econ", so a different name is reported rather than silently missed.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Assumed name under /proc (not confirmed by ECON.md); see the header. */
export const ECON_PROC_FILE = 'econ';

export interface EconControl {
  /** Path of the file read, or null when none was found. */
  path: string | null;
  /** Other /proc entries named econ* (candidates when `path` is null). */
  candidates: string[];
  /** Enabled state when the content says so; null when not found or not understood. */
  enabled: boolean | null;
  /** First line of the content, at most 80 characters ('' when not read). */
  firstLine: string;
}

/**
 * The enabled state from the control file's text, when a line reads like "enabled: 1",
 * "enable=0", "status: on" or "ECON enabled"; null when the text says neither.
 */
export function parseEconEnabled(text: string): boolean | null {
  const m =
    /\b(?:enabled?|status|econ)\b\s*[:=]?\s*(1|0|on|off|yes|no|true|false|enabled|disabled)\b/i.exec(
      text,
    );
  if (!m) return null;
  return ['1', 'on', 'yes', 'true', 'enabled'].includes((m[1] ?? '').toLowerCase());
}

export async function readEconControl(procRoot: string): Promise<EconControl> {
  const entries = await readdir(procRoot).catch(() => [] as string[]);
  const candidates = entries.filter((e) => e.toLowerCase().startsWith('econ')).sort();
  const found = candidates.includes(ECON_PROC_FILE) ? ECON_PROC_FILE : null;
  if (found === null) return { path: null, candidates, enabled: null, firstLine: '' };
  const path = join(procRoot, found);
  const text = await readFile(path, 'utf8').catch(() => '');
  return {
    path,
    candidates: candidates.filter((c) => c !== found),
    enabled: parseEconEnabled(text),
    firstLine: (text.split('\n')[0] ?? '').slice(0, 80),
  };
}
