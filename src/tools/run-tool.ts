/**
 * Runs an external tool with execa from an argv array (never a shell) and returns a structured
 * result. Output is buffered: this is for short runs (versions, attach tests, dry-run compiles);
 * long recordings stream to disk in the recorder instead.
 */
import { execa } from 'execa';
import { ToolError, tailLines, type ToolFailure } from './tool-error.js';

export interface RunToolOptions {
  /** Kill the tool after this many ms (SIGKILL after SIGTERM is ignored); none by default. */
  timeoutMs?: number;
  /** Extra environment variables, merged over the current environment. */
  env?: Record<string, string>;
  /** When true (default) a failure throws ToolError; when false it is returned as data. */
  reject?: boolean;
}

export interface ToolResult {
  command: string;
  args: string[];
  /** True when the tool exited with code 0. */
  ok: boolean;
  /** null when it did not end by exiting. */
  failure: ToolFailure | null;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export async function runTool(
  cmd: string,
  args: readonly string[],
  opts: RunToolOptions = {},
): Promise<ToolResult> {
  const started = Date.now();
  const result = await execa(cmd, args, {
    reject: false,
    stdin: 'ignore',
    // The tool's own messages are what we report; no locale translations.
    env: { LC_ALL: 'C', ...opts.env },
    ...(opts.timeoutMs === undefined ? {} : { timeout: opts.timeoutMs, forceKillAfterDelay: 1000 }),
  });
  const stdout = typeof result.stdout === 'string' ? result.stdout : '';
  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  const failure = classifyFailure(result);
  const toolResult: ToolResult = {
    command: cmd,
    args: [...args],
    ok: failure === null,
    failure,
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    stdout,
    stderr,
    durationMs: Date.now() - started,
  };
  if (failure !== null && opts.reject !== false) throw toToolError(toolResult, result);
  return toolResult;
}

interface ExecaOutcome {
  failed: boolean;
  timedOut: boolean;
  exitCode?: number;
  signal?: string;
  code?: string;
}

function classifyFailure(result: ExecaOutcome): ToolFailure | null {
  if (!result.failed) return null;
  // execa reports a missing binary as a spawn error with the errno code, not an exit code.
  if (result.code === 'ENOENT') return 'not-found';
  if (result.timedOut) return 'timeout';
  if (result.signal) return 'signal';
  if (result.exitCode !== undefined) return 'exit-code';
  return 'spawn-error';
}

/** The ToolError a failed result stands for; `cause` is the original execa result/error. */
export function toToolError(result: ToolResult, cause?: unknown): ToolError {
  return new ToolError({
    command: result.command,
    args: result.args,
    failure: result.failure ?? 'spawn-error',
    exitCode: result.exitCode,
    signal: result.signal,
    stderrTail: tailLines(result.stderr),
    cause,
  });
}
