/**
 * Bringing the lab up and down. Up always starts from a clean slate (teardown first), so a run
 * killed half-way never leaves a lab that half works. Down is idempotent: it removes every
 * `etlab-` namespace, and the processes still inside them, and nothing else.
 */
import { buildLabUpPlan } from './build-lab-plan.js';
import {
  buildTeardownPlan,
  parseNetnsList,
  parsePidList,
  type LeftoverNamespace,
} from './build-teardown-plan.js';
import { DEFAULT_LAB_CONFIG, type LabConfig } from './lab-config.js';
import { LabError } from './lab-error.js';
import { isLabNamespace } from './lab-names.js';
import { readLabStatus, type LabStatus } from './read-lab-status.js';
import { checkLabPrerequisites, runArgv, runArgvChecked, runArgvPlan } from './run-argv.js';

/** Lab namespaces that exist now, with the processes inside each. */
async function listLeftovers(): Promise<LeftoverNamespace[]> {
  const names = parseNetnsList((await runArgvChecked(['ip', 'netns', 'list'])).stdout).filter(
    isLabNamespace,
  );
  const out: LeftoverNamespace[] = [];
  for (const name of names) {
    const pids = await runArgv(['ip', 'netns', 'pids', name]);
    out.push({ name, pids: parsePidList(pids.stdout) });
  }
  return out;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then wait up to 2 s: a process inside a namespace keeps its devices alive. */
async function stopProcesses(pids: readonly number[]): Promise<void> {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already gone between listing and killing: nothing to stop.
    }
  }
  for (let i = 0; i < 20 && pids.some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
}

/** Remove every lab namespace and what runs in it. Returns the namespaces removed. */
export async function tearLabDown(): Promise<string[]> {
  await checkLabPrerequisites();
  const plan = buildTeardownPlan(await listLeftovers());
  await stopProcesses(plan.pids);
  await runArgvPlan(plan.commands);
  const left = (await listLeftovers()).map((ns) => ns.name);
  if (left.length > 0) {
    throw new LabError(
      'command-failed',
      `lab namespaces still present after teardown: ${left.join(', ')}`,
      'run `ip netns delete NAME` by hand',
    );
  }
  return plan.commands.map((argv) => argv[argv.length - 1] ?? '');
}

/** Build the lab from scratch and check that both paths are up. */
export async function bringLabUp(config: LabConfig = DEFAULT_LAB_CONFIG): Promise<LabStatus> {
  await checkLabPrerequisites();
  const plan = buildLabUpPlan(config);
  await tearLabDown();
  try {
    await runArgvPlan(plan);
  } catch (err) {
    // Leave nothing half-built behind.
    await tearLabDown().catch(() => undefined);
    throw err;
  }
  const status = await readLabStatus();
  if (!status.overlayReady || !status.hostReady) {
    throw new LabError(
      'not-ready',
      'the lab was built but a device is not up; see `econ-trace lab status`',
      'run `econ-trace lab down` and try again',
    );
  }
  return status;
}
