/**
 * Base class of every econ-trace command: one place that turns a failure into what a user sees.
 * Our own failures (and anything domain code throws) print one line plus the fix on stderr, or
 * the error as JSON on stdout with --json, and set the error's exit code. oclif's own usage
 * errors (unknown flag, missing argument) keep oclif's handling, which already prints no stack.
 */
import { Command } from '@oclif/core';
import { toCliError } from './to-cli-error.js';

function isOclifError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'oclif' in err;
}

export abstract class EconCommand extends Command {
  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    if (isOclifError(err)) return super.catch(err);
    const cliError = toCliError(err);
    if (process.env.ECON_TRACE_DEBUG === '1' && cliError.cause instanceof Error) {
      process.stderr.write(`${cliError.cause.stack ?? ''}\n`);
    }
    if (this.jsonEnabled()) {
      const error = {
        code: cliError.code,
        message: cliError.message,
        suggestion: cliError.suggestion,
        exitCode: cliError.exitCode,
      };
      process.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
    } else {
      process.stderr.write(`Error: ${cliError.message}\n  fix: ${cliError.suggestion}\n`);
    }
    process.exitCode = cliError.exitCode;
    return undefined;
  }
}
