/**
 * Tracepoints attach only once tracefs is mounted, and a fresh machine may not have it
 * (PLATFORM.md). Mounting it at its standard place is the one change outside the lab's
 * namespaces that tracing through the lab needs; it is harmless and left mounted.
 */
import { readFile } from 'node:fs/promises';
import { LabError, tailLines } from './lab-error.js';
import { runArgv } from './run-argv.js';

export const TRACEFS_DIR = '/sys/kernel/tracing';

/** True when /proc/mounts lists a tracefs mount. */
export function hasTracefsMount(procMounts: string): boolean {
  return procMounts.split('\n').some((line) => line.split(' ')[2] === 'tracefs');
}

/** Mount tracefs unless it is mounted. Returns true when it mounted it. */
export async function ensureTracefs(): Promise<boolean> {
  if (hasTracefsMount(await readFile('/proc/mounts', 'utf8'))) return false;
  const res = await runArgv(['mount', '-t', 'tracefs', 'nodev', TRACEFS_DIR]);
  if (res.exitCode !== 0) {
    throw new LabError(
      'command-failed',
      `could not mount tracefs on ${TRACEFS_DIR}: ${tailLines(res.stderr)}`,
      'mount it by hand: mount -t tracefs nodev /sys/kernel/tracing',
    );
  }
  return true;
}
