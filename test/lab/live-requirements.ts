/**
 * Shared gate of the live (root) lab tests: what this machine lacks for them. A test with
 * something missing is skipped with a message naming it, unless ECON_TRACE_REQUIRE_LIVE=1 (CI),
 * where it runs and fails with that message instead.
 *
 * Two kinds of "missing" are told apart. A missing install (root, a tool on PATH) is something
 * CI can and must provide, so under ECON_TRACE_REQUIRE_LIVE=1 it fails. A kernel built without
 * a feature (a qdisc kind, say) is not: no install adds it, so such a test skips with the
 * precise reason on every machine, CI included (see kernelLacks).
 */
import assert from 'node:assert/strict';
import { findExecutable } from '../../src/lab/find-executable.js';
import { bringLabUp, tearLabDown, withLabLock } from '../../src/lab/index.js';

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

/**
 * The kernel feature a failed `tc qdisc add` shows missing, or null when it failed for another
 * reason (which is a real failure). tc says "Specified qdisc kind is unknown" when the kernel
 * was built without that qdisc and has no module to load for it.
 */
export function kernelLacks(kind: string, tcStderr: string): string | null {
  return /Specified qdisc kind is unknown/.test(tcStderr) ? `kernel has no sch_${kind}` : null;
}

/**
 * Takes the lab lock, brings the lab up, and returns what tears it down and lets the lock go:
 * for test files whose tests share one lab between before() and after(). Other live tests and
 * recordings use the same lab names, so they wait meanwhile.
 */
export async function holdLab(): Promise<() => Promise<void>> {
  let release: () => void = () => undefined;
  let acquired: () => void = () => undefined;
  const locked = new Promise<void>((resolve) => (acquired = resolve));
  const held = withLabLock(async () => {
    acquired();
    await new Promise<void>((resolve) => (release = resolve));
  });
  // A lock that never comes rejects `held`: surface that instead of waiting on `locked`.
  await Promise.race([locked, held]);
  try {
    await bringLabUp();
  } catch (err) {
    release();
    await held;
    throw err;
  }
  return async () => {
    try {
      await tearLabDown();
    } finally {
      release();
      await held;
    }
  };
}
