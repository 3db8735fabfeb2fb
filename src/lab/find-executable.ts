/**
 * Whether a tool is installed: the first executable of that name on PATH (plus the sbin
 * folders, where Debian puts `ip` and which a non-login root shell may lack).
 */
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** Full path of `name`, or null when it is nowhere on PATH. */
export async function findExecutable(
  name: string,
  pathVar = process.env['PATH'] ?? '',
): Promise<string | null> {
  const dirs = [...pathVar.split(delimiter).filter((d) => d !== ''), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here: try the next folder.
    }
  }
  return null;
}
