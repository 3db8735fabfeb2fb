/**
 * The lab's one error type: a stable code, a one-line message and a suggestion, so the command
 * layer can map it to a CliError. Command failures keep the argv, how it ended and the last
 * lines of its stderr, with the original error as `cause`.
 */

export type LabErrorCode =
  'not-root' | 'missing-tool' | 'bad-config' | 'command-failed' | 'not-ready';

export class LabError extends Error {
  readonly code: LabErrorCode;
  readonly suggestion: string;

  constructor(code: LabErrorCode, message: string, suggestion: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'LabError';
    this.code = code;
    this.suggestion = suggestion;
  }
}

/** Last `count` non-empty lines of a tool's stderr, joined with ' | ' to stay on one line. */
export function tailLines(text: string, count = 3): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.slice(-count).join(' | ');
}
