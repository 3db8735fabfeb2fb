/**
 * The one error type for an external tool (bpftrace, perf, ...) that could not run or failed:
 * which command, how it ended (not found, exit code, signal, timeout) and the last lines of its
 * stderr, on one line, with the original execa error kept as `cause`.
 */

/** How a tool run ended when it did not succeed. */
export type ToolFailure = 'not-found' | 'exit-code' | 'signal' | 'timeout' | 'spawn-error';

export class ToolError extends Error {
  readonly command: string;
  readonly args: readonly string[];
  readonly failure: ToolFailure;
  /** Exit code when the tool exited; null when it was killed or never started. */
  readonly exitCode: number | null;
  /** Signal name when the tool was killed, e.g. "SIGKILL"; null otherwise. */
  readonly signal: string | null;
  /** Last lines of stderr, joined with " | " ('' when there was none). */
  readonly stderrTail: string;

  constructor(opts: {
    command: string;
    args: readonly string[];
    failure: ToolFailure;
    exitCode: number | null;
    signal: string | null;
    stderrTail: string;
    cause?: unknown;
  }) {
    super(describeFailure(opts), { cause: opts.cause });
    this.name = 'ToolError';
    this.command = opts.command;
    this.args = opts.args;
    this.failure = opts.failure;
    this.exitCode = opts.exitCode;
    this.signal = opts.signal;
    this.stderrTail = opts.stderrTail;
  }
}

function describeFailure(opts: {
  command: string;
  failure: ToolFailure;
  exitCode: number | null;
  signal: string | null;
  stderrTail: string;
}): string {
  const how: Record<ToolFailure, string> = {
    'not-found': 'was not found',
    'exit-code': `exited with code ${opts.exitCode ?? '?'}`,
    signal: `was killed by ${opts.signal ?? 'a signal'}`,
    timeout: 'timed out and was killed',
    'spawn-error': 'could not be started',
  };
  const tail = opts.stderrTail === '' ? '' : `: ${opts.stderrTail}`;
  return `${opts.command} ${how[opts.failure]}${tail}`;
}

/** Last `count` non-empty lines of a tool's output, joined with ' | ' to stay on one line. */
export function tailLines(text: string, count = 3): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.slice(-count).join(' | ');
}
