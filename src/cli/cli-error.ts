/**
 * One error type for everything a user can fix: a stable code, a one-line message, a suggestion
 * and an exit code. Domain errors (bad run folder, wrong format, missing tool) are mapped to it
 * at the command boundary, so no stack trace ever reaches a user who gave us bad input.
 */

export class CliError extends Error {
  readonly code: string;
  readonly suggestion: string;
  readonly exitCode: number;

  constructor(opts: {
    code: string;
    message: string;
    suggestion: string;
    exitCode?: number;
    cause?: unknown;
  }) {
    super(opts.message, { cause: opts.cause });
    this.name = 'CliError';
    this.code = opts.code;
    this.suggestion = opts.suggestion;
    this.exitCode = opts.exitCode ?? 2;
  }
}

/** Exit codes: 2 = the input cannot be used, 3 = a tool or permission is missing, 70 = a bug. */
export const EXIT_BAD_INPUT = 2;
export const EXIT_MISSING_CAPABILITY = 3;
export const EXIT_INTERNAL = 70;
