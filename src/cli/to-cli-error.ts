/**
 * Maps whatever a command's domain code threw to a CliError. Errors we do not recognise are bugs:
 * they still become one line, and ECON_TRACE_DEBUG=1 prints the stack for a bug report.
 */
import { CliError, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_MISSING_CAPABILITY } from './cli-error.js';
import { RunFolderError } from '../run-folder/run-folder-error.js';
import { FormatError } from '../parse/format-error.js';
import { LabError } from '../lab/lab-error.js';
import { RecordError } from '../record/record-error.js';
import { ToolError } from '../tools/tool-error.js';

export function toCliError(err: unknown): CliError {
  if (err instanceof CliError) return err;
  if (err instanceof RunFolderError) {
    return new CliError({
      code: 'RUN_FOLDER_UNREADABLE',
      message: err.message,
      suggestion: 'check the folder against docs/run-folder.md, or re-record it',
      exitCode: EXIT_BAD_INPUT,
      cause: err,
    });
  }
  if (err instanceof FormatError) {
    return new CliError({
      code: 'EVENT_FORMAT_UNKNOWN',
      message: err.message,
      suggestion: 'the manifest names the event format; see docs/run-folder.md',
      exitCode: EXIT_BAD_INPUT,
      cause: err,
    });
  }
  if (err instanceof LabError) {
    const missing = err.code === 'not-root' || err.code === 'missing-tool';
    return new CliError({
      code: `LAB_${err.code.toUpperCase().replace(/-/g, '_')}`,
      message: err.message,
      suggestion: err.suggestion,
      exitCode: missing ? EXIT_MISSING_CAPABILITY : err.code === 'bad-config' ? EXIT_BAD_INPUT : 1,
      cause: err,
    });
  }
  if (err instanceof RecordError) return fromRecordError(err);
  if (err instanceof ToolError) {
    return new CliError({
      code: err.failure === 'not-found' ? 'TOOL_NOT_FOUND' : 'TOOL_FAILED',
      message: err.message,
      suggestion:
        err.failure === 'not-found'
          ? `install ${err.command} (sudo bash scripts/install-system-tools.sh)`
          : 'run `econ-trace doctor` to see what this machine can record',
      exitCode: err.failure === 'not-found' ? EXIT_MISSING_CAPABILITY : 1,
      cause: err,
    });
  }
  const systemCode = (err as { code?: unknown } | null)?.code;
  if (systemCode === 'EACCES' || systemCode === 'EPERM') {
    return new CliError({
      code: 'PERMISSION_DENIED',
      message: err instanceof Error ? err.message : String(err),
      suggestion: 'run as a user that can read the files, or with sudo',
      exitCode: EXIT_BAD_INPUT,
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new CliError({
    code: 'INTERNAL',
    message: `internal error: ${message.split('\n')[0] ?? ''}`,
    suggestion: 'this is a bug in econ-trace; rerun with ECON_TRACE_DEBUG=1 and report the stack',
    exitCode: EXIT_INTERNAL,
    cause: err,
  });
}

/** Bad flags and a busy --out are the user's input (2); root and tools are missing capability (3). */
function fromRecordError(err: RecordError): CliError {
  const exitCode =
    err.code === 'not-root' || err.code === 'missing-tool' || err.code === 'attach-failed'
      ? EXIT_MISSING_CAPABILITY
      : err.code === 'tracer-failed'
        ? 1
        : EXIT_BAD_INPUT;
  return new CliError({
    code: `RECORD_${err.code.toUpperCase().replace(/-/g, '_')}`,
    message: err.message,
    suggestion: err.suggestion,
    exitCode,
    cause: err,
  });
}
