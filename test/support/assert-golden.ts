/**
 * Compare a text with a golden file under test/golden/; with UPDATE_GOLDEN=1 in the
 * environment, (re)write the golden file instead and pass.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOLDEN_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');

/** `relPath` is relative to test/golden/, e.g. "analyse/hand-built-run.json"; shared by every test folder. */
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
