/**
 * The recorder's one error type: a stable code, a one-line message and a suggestion, so the
 * command layer maps it to a CliError (src/cli/to-cli-error.ts) with the right exit code.
 */

export type RecordErrorCode =
  | 'bad-flag'
  | 'not-root'
  | 'missing-tool'
  | 'out-not-empty'
  | 'netns-not-found'
  | 'attach-failed'
  | 'tracer-failed';

export class RecordError extends Error {
  readonly code: RecordErrorCode;
  readonly suggestion: string;

  constructor(code: RecordErrorCode, message: string, suggestion: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'RecordError';
    this.code = code;
    this.suggestion = suggestion;
  }
}

/** A flag value the recorder cannot use: one line naming the flag and what it accepts. */
export function badFlag(flag: string, message: string, suggestion: string): RecordError {
  return new RecordError('bad-flag', `--${flag}: ${message}`, suggestion);
}
