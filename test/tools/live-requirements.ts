/**
 * Gate of the live (root) tests of tools/ and doctor/: what this machine lacks for them. A test
 * with something missing is skipped with a message naming it, unless ECON_TRACE_REQUIRE_LIVE=1
 * (CI), where it runs and fails with that message instead.
 */
import assert from 'node:assert/strict';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

function onPath(tool: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What is missing for a live test needing root and `tools`; [] when nothing is. */
export function findMissingForLive(tools: readonly string[]): string[] {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root');
  for (const tool of tools) if (!onPath(tool)) missing.push(`\`${tool}\` on PATH`);
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
  if (missing.length > 0) {
    assert.fail(`ECON_TRACE_REQUIRE_LIVE=1 but this machine lacks ${missing.join(', ')}`);
  }
}
