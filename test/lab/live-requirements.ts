/**
 * Shared gate of the live (root) lab tests: what this machine lacks for them. A test with
 * something missing is skipped with a message naming it, unless ECON_TRACE_REQUIRE_LIVE=1 (CI),
 * where it runs and fails with that message instead.
 */
import assert from 'node:assert/strict';
import { findExecutable } from '../../src/lab/find-executable.js';

/** What is missing for a live test needing root and `tools`; [] when nothing is. */
export async function findMissingForLive(tools: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root');
  for (const tool of tools)
    if ((await findExecutable(tool)) === null) missing.push(`\`${tool}\` on PATH`);
  return missing;
}

export const liveRequired = process.env['ECON_TRACE_REQUIRE_LIVE'] === '1';

/** node:test `skip` option: a message when the test must be skipped, false when it runs. */
export function skipUnlessLive(missing: readonly string[]): string | false {
  if (missing.length === 0 || liveRequired) return false;
  return `live test skipped: needs ${missing.join(', ')}`;
}

/** First statement of a live test: fails when required and something is missing. */
export function assertLiveReady(missing: readonly string[]): void {
  if (missing.length > 0)
    assert.fail(`ECON_TRACE_REQUIRE_LIVE=1 but this machine lacks ${missing.join(', ')}`);
}
