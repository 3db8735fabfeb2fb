/**
 * Runs the lab's argv plans with execa (never a shell) and checks what they need: root and
 * iproute2's `ip`. A failed command becomes a LabError naming the argv, how it ended and the
 * tail of its stderr.
 */
import { execa } from 'execa';
import { findExecutable } from './find-executable.js';
import { LabError, tailLines } from './lab-error.js';
import type { ArgvPlan } from './build-lab-plan.js';

export interface ArgvResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Run one argv; resolves with its output whatever the exit code (the caller decides). */
export async function runArgv(argv: readonly string[], timeoutMs = 30_000): Promise<ArgvResult> {
  const [file, ...args] = argv;
  if (file === undefined)
    throw new LabError('command-failed', 'empty command', 'this is a bug in the plan');
  const result = await execa(file, args, { reject: false, stdin: 'ignore', timeout: timeoutMs });
  if (result.failed && result.exitCode === undefined) {
    const how = result.signal ? `was killed by ${result.signal}` : 'could not start';
    throw new LabError(
      'command-failed',
      `${argv.join(' ')} ${how}: ${result.shortMessage}`,
      'check the tool is installed',
      result,
    );
  }
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? 0 };
}

/** Run one argv and require exit code 0. */
export async function runArgvChecked(
  argv: readonly string[],
  timeoutMs?: number,
): Promise<ArgvResult> {
  const result = await runArgv(argv, timeoutMs);
  if (result.exitCode !== 0) {
    throw new LabError(
      'command-failed',
      `${argv.join(' ')} exited with ${result.exitCode}: ${tailLines(result.stderr) || 'no stderr'}`,
      'run `econ-trace lab down` and try again; if it persists, run the command by hand',
    );
  }
  return result;
}

/** Run a plan in order, stopping at the first failure. */
export async function runArgvPlan(plan: ArgvPlan): Promise<void> {
  for (const argv of plan) await runArgvChecked(argv);
}

/** Throws a one-line LabError unless running as root with `ip` installed. */
export async function checkLabPrerequisites(): Promise<void> {
  const uid = process.getuid?.();
  if (uid !== 0) {
    throw new LabError(
      'not-root',
      `the network lab needs root (running as uid ${uid ?? 'unknown'})`,
      'run it with sudo',
    );
  }
  if ((await findExecutable('ip')) === null) {
    throw new LabError(
      'missing-tool',
      'the network lab needs iproute2: `ip` is not on PATH',
      'apt-get install iproute2',
    );
  }
}
