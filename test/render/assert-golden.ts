/**
 * Compare a rendered text with its golden file in test/golden/render/; with UPDATE_GOLDEN=1 the
 * golden file is rewritten instead (review the diff before committing it).
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'render');

export async function assertGolden(name: string, actual: string): Promise<void> {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, actual, 'utf8');
    return;
  }
  const expected = await readFile(path, 'utf8').catch(() => {
    throw new Error(`missing golden ${path}; run with UPDATE_GOLDEN=1 to create it`);
  });
  assert.equal(actual, expected, `${name} differs from its golden file`);
}
