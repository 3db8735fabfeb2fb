/**
 * Compares text to a golden file in test/golden/parse/; UPDATE_GOLDEN=1 rewrites the file
 * instead (review the diff before committing it).
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const GOLDEN_DIR = fileURLToPath(new URL('../golden/parse/', import.meta.url));

export async function assertGolden(name: string, actual: string): Promise<void> {
  const path = `${GOLDEN_DIR}${name}`;
  if (process.env.UPDATE_GOLDEN === '1') {
    await writeFile(path, actual);
    return;
  }
  const expected = await readFile(path, 'utf8').catch(() => {
    throw new Error(`golden file ${path} is missing; run with UPDATE_GOLDEN=1 to create it`);
  });
  assert.equal(actual, expected, `output differs from ${path}`);
}
