/**
 * Compares text with a golden file under test/golden/; UPDATE_GOLDEN=1 (re)writes it instead.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOLDEN_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');

/** `relPath` is relative to test/golden/, e.g. "cpu/summary.json". */
export function assertGolden(relPath: string, actual: string): void {
  const file = join(GOLDEN_ROOT, relPath);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(file, 'utf8');
  } catch {
    assert.fail(
      `golden file ${relPath} is missing: run the test with UPDATE_GOLDEN=1 to create it`,
    );
  }
  assert.equal(actual, expected, `output differs from golden ${relPath}`);
}
