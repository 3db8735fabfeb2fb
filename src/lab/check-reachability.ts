/**
 * Can the A side reach the B side over a path? With `ping` (ICMP echo) when it is installed;
 * otherwise a one-second built-in UDP echo, since minimal images often lack iputils-ping.
 */
import type { PathKind } from '../model/manifest.js';
import { buildWorkloadPlan } from './build-workload-plan.js';
import { DEFAULT_LAB_CONFIG, resolveLabAddresses, type LabConfig } from './lab-config.js';
import { findExecutable } from './find-executable.js';
import { LAB_NAMESPACES } from './lab-names.js';
import { resolveBuiltinCommand } from './resolve-builtin-command.js';
import { runArgv } from './run-argv.js';
import { runWorkload } from './run-workload.js';

export interface Reachability {
  path: PathKind;
  method: 'ping' | 'builtin-udp-echo';
  ok: boolean;
  /** The tool's output, for a message when not ok. */
  output: string;
}

/** Argv that pings the B side from the A side (pure). */
export function buildPingArgv(
  path: PathKind,
  config: LabConfig = DEFAULT_LAB_CONFIG,
  count = 3,
): string[] {
  const addr = resolveLabAddresses(config);
  const overlay = path === 'overlay';
  const ns = overlay ? LAB_NAMESPACES.ctrA : LAB_NAMESPACES.hostA;
  return [
    'ip',
    'netns',
    'exec',
    ns,
    'ping',
    '-c',
    String(count),
    '-i',
    '0.2',
    '-W',
    '2',
    overlay ? addr.ctrB : addr.hostB,
  ];
}

/** Check the B side answers from the A side over `path`. */
export async function checkReachability(
  path: PathKind,
  config: LabConfig = DEFAULT_LAB_CONFIG,
): Promise<Reachability> {
  if ((await findExecutable('ping')) !== null) {
    const res = await runArgv(buildPingArgv(path, config));
    return { path, method: 'ping', ok: res.exitCode === 0, output: res.stdout + res.stderr };
  }
  const plan = buildWorkloadPlan(
    { kind: 'udp-rr', path, durationSec: 1, ratePerSec: 10, payloadBytes: 64, config },
    'builtin',
    resolveBuiltinCommand(),
  );
  const res = await runWorkload(plan);
  return {
    path,
    method: 'builtin-udp-echo',
    ok: res.exitCode === 0,
    output: res.stdout + res.stderr,
  };
}
