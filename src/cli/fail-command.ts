/**
 * The single exit path for a failed command: one line on stderr (or the error as JSON with
 * --json), the suggestion, and the error's exit code. Stacks only with ECON_TRACE_DEBUG=1.
 */
import type { Command } from '@oclif/core';
import { toCliError } from './to-cli-error.js';

export function failCommand(command: Command, err: unknown): never {
  const cliError = toCliError(err);
  if (process.env.ECON_TRACE_DEBUG === '1' && cliError.cause instanceof Error) {
    process.stderr.write(`${cliError.cause.stack ?? ''}\n`);
  }
  return command.error(cliError.message, {
    code: cliError.code,
    exit: cliError.exitCode,
    suggestions: [cliError.suggestion],
  });
}
