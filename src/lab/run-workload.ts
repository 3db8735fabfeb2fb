/**
 * Runs a workload plan: start the server, poll until it listens, run the client for its
 * duration, stop the server (by its own pid: `ip netns exec` execs the tool in place).
 * The client's outcome is returned, not thrown, so a recorder can mark its run partial.
 */
import { execa } from 'execa';
import { findExecutable } from './find-executable.js';
import { LabError, tailLines } from './lab-error.js';
import {
  buildWorkloadPlan,
  chooseWorkloadTool,
  type WorkloadOptions,
  type WorkloadPlan,
} from './build-workload-plan.js';
import { resolveBuiltinCommand } from './resolve-builtin-command.js';
import { runArgv } from './run-argv.js';

export interface WorkloadResult {
  plan: WorkloadPlan;
  /** Client exit code (0 = it ran to the end). */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Wall time of the client, ms. */
  elapsedMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The plan for these options with the tools installed here. */
export async function planWorkload(options: WorkloadOptions): Promise<WorkloadPlan> {
  const available = {
    iperf3: (await findExecutable('iperf3')) !== null,
    sockperf: (await findExecutable('sockperf')) !== null,
  };
  return buildWorkloadPlan(
    options,
    chooseWorkloadTool(options.kind, available),
    resolveBuiltinCommand(),
  );
}

/** Run a planned workload end to end; the server is stopped whatever happens. */
export async function runWorkload(
  plan: WorkloadPlan,
  readyTimeoutMs = 5000,
): Promise<WorkloadResult> {
  const [serverFile, ...serverArgs] = plan.server;
  const [clientFile, ...clientArgs] = plan.client;
  if (serverFile === undefined || clientFile === undefined)
    throw new LabError('command-failed', 'empty workload command', 'this is a bug in the plan');
  const server = execa(serverFile, serverArgs, { reject: false, stdin: 'ignore' });
  try {
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (server.exitCode !== null || server.signalCode !== null) {
        const done = await server;
        throw new LabError(
          'not-ready',
          `workload server exited early (${plan.server.join(' ')}): ${tailLines(String(done.stderr)) || 'no stderr'}`,
          'check the lab is up: econ-trace lab status',
        );
      }
      if ((await runArgv(plan.readiness)).stdout.trim() !== '') break;
      if (Date.now() > deadline)
        throw new LabError(
          'not-ready',
          `workload server not listening after ${readyTimeoutMs} ms: ${plan.server.join(' ')}`,
          'check the lab is up: econ-trace lab status',
        );
      await sleep(100);
    }
    const started = Date.now();
    const client = await execa(clientFile, clientArgs, {
      reject: false,
      stdin: 'ignore',
      timeout: 120_000,
    });
    return {
      plan,
      exitCode: client.exitCode ?? -1,
      stdout: String(client.stdout),
      stderr: String(client.stderr),
      elapsedMs: Date.now() - started,
    };
  } finally {
    server.kill('SIGTERM');
    await server;
  }
}
