/**
 * The two kinds of workload a recording can drive, both stoppable: a lab workload (server in the
 * B side namespace, readiness poll, client in the A side; built by src/lab's planWorkload) and
 * an arbitrary command after `--`. Output goes to raw/workload.log as written. Each returns how
 * it ended instead of throwing, so the recorder can mark its run partial with the reason.
 */
import { execa, type ResultPromise } from 'execa';
import type { WorkloadPlan } from '../lab/index.js';
import { RecordError } from './record-error.js';

export interface WorkloadEnd {
  /** The argv whose ending decided the outcome. */
  argv: string[];
  exitCode: number | null;
  signal: string | null;
  /** True when we stopped it (duration, packets, signal): its exit status then says nothing. */
  stopped: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function spawnLogged(
  argv: readonly string[],
  logFile: string,
  cancel?: AbortSignal,
): ResultPromise {
  const [file = '', ...args] = argv;
  return execa(file, args, {
    buffer: false,
    reject: false,
    detached: true,
    stdin: 'ignore',
    stdout: { file: logFile, append: true },
    stderr: { file: logFile, append: true },
    ...(cancel ? { cancelSignal: cancel } : {}),
  });
}

async function settle(
  argv: string[],
  proc: ResultPromise,
  cancel: AbortSignal,
): Promise<WorkloadEnd> {
  const res = await proc;
  return {
    argv,
    exitCode: res.exitCode ?? null,
    signal: res.signal ?? null,
    stopped: cancel.aborted,
  };
}

/** Run `argv` until it exits or `cancel` fires (SIGTERM). */
export async function runCommandWorkload(
  argv: string[],
  logFile: string,
  cancel: AbortSignal,
): Promise<WorkloadEnd> {
  return settle(argv, spawnLogged(argv, logFile, cancel), cancel);
}

/** Start the lab server, wait until it listens, run the client; the server is always stopped. */
export async function runLabWorkload(
  plan: WorkloadPlan,
  logFile: string,
  cancel: AbortSignal,
  readyTimeoutMs = 5000,
): Promise<WorkloadEnd> {
  const server = spawnLogged(plan.server, logFile);
  try {
    for (const deadline = Date.now() + readyTimeoutMs; ; await sleep(100)) {
      if (cancel.aborted) return { argv: plan.client, exitCode: null, signal: null, stopped: true };
      if (server.exitCode !== null || server.signalCode !== null) {
        throw new RecordError(
          'tracer-failed',
          `workload server exited early: ${plan.server.join(' ')}`,
          `see ${logFile}; check the lab: econ-trace lab status`,
        );
      }
      const [file = '', ...args] = plan.readiness;
      const probe = await execa(file, args, { reject: false, stdin: 'ignore', timeout: 5000 });
      if (String(probe.stdout).trim() !== '') break;
      if (Date.now() > deadline) {
        throw new RecordError(
          'tracer-failed',
          `workload server not listening after ${readyTimeoutMs} ms: ${plan.server.join(' ')}`,
          'check the lab: econ-trace lab status',
        );
      }
    }
    return await settle(plan.client, spawnLogged(plan.client, logFile, cancel), cancel);
  } finally {
    server.kill('SIGTERM');
    await server;
  }
}
