/**
 * Teardown as data. Deleting a namespace destroys the devices in it (a veth's peer goes with
 * it), so the plan is: stop what still runs inside a lab namespace (a workload server left by a
 * killed run keeps the namespace and its devices alive), then delete every `etlab-` namespace.
 * Names that do not carry the lab's prefix are never in the plan, whatever the input lists.
 */
import { isLabNamespace } from './lab-names.js';
import type { ArgvPlan } from './build-lab-plan.js';

export interface LeftoverNamespace {
  name: string;
  /** Processes still running in it (`ip netns pids NAME`). */
  pids: number[];
}

export interface TeardownPlan {
  /** Processes to stop first (SIGTERM): they run inside a lab namespace, so the lab started them. */
  pids: number[];
  /** Then these commands, in order. */
  commands: ArgvPlan;
}

/** What removes the lab's leftovers and nothing else. Both lists empty when nothing is left. */
export function buildTeardownPlan(namespaces: readonly LeftoverNamespace[]): TeardownPlan {
  const ours = namespaces.filter((ns) => isLabNamespace(ns.name));
  return {
    pids: ours.flatMap((ns) => ns.pids).filter((pid) => Number.isInteger(pid) && pid > 1),
    commands: ours.map((ns) => ['ip', 'netns', 'delete', ns.name]),
  };
}

/** Namespace names from `ip netns list` output ("name" or "name (id: 3)" per line). */
export function parseNetnsList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(' ')[0] ?? '')
    .filter((name) => name !== '');
}

/** Pids from `ip netns pids NAME` output, one per line. */
export function parsePidList(text: string): number[] {
  return text
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}
