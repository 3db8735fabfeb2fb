/**
 * Makes the run folder: refuses a non-empty one unless forced (then empties it), and creates
 * events/, raw/, cpu/ and aggregates/ as needed (docs/run-folder.md).
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordError } from './record-error.js';

export async function prepareRunFolder(
  dir: string,
  force: boolean,
  cpu: boolean,
  aggregates = false,
): Promise<void> {
  const entries = await readdir(dir).catch((err: unknown) => {
    if ((err as { code?: string }).code === 'ENOENT') return [] as string[];
    throw err;
  });
  if (entries.length > 0) {
    if (!force) {
      throw new RecordError(
        'out-not-empty',
        `${dir} is not empty (${entries.length} entries); a recording never writes over another`,
        'pick a new --out folder, or add --force to replace it',
      );
    }
    for (const entry of entries) await rm(join(dir, entry), { recursive: true, force: true });
  }
  for (const sub of [
    'events',
    'raw',
    ...(cpu ? ['cpu'] : []),
    ...(aggregates ? ['aggregates'] : []),
  ]) {
    await mkdir(join(dir, sub), { recursive: true });
  }
}
