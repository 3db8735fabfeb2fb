/**
 * Errors across a worker boundary. A thrown error reaches the other thread as plain data and is
 * rebuilt there as the class the CLI maps to a code, suggestion and exit code
 * (src/cli/to-cli-error.ts): "not this format", an unreadable run folder, or a system error
 * with its code (EACCES ...). Anything else comes back as an Error with the same name and
 * message. The original stack travels along for ECON_TRACE_DEBUG.
 */
import { FormatError } from '../parse/format-error.js';
import { RunFolderError } from '../run-folder/run-folder-error.js';

export interface SerialisedError {
  message: string;
  name: string;
  stack?: string;
  code?: string;
  /** Set for a FormatError, rebuilt as one. */
  format?: { file: string; problem: string; fix: string };
  /** Set for a RunFolderError, rebuilt as one. */
  runFolder?: { file: string; problem: string; fix: string };
}

export function serialiseError(err: unknown): SerialisedError {
  const e = err instanceof Error ? err : new Error(String(err));
  const base = { message: e.message, name: e.name, ...(e.stack ? { stack: e.stack } : {}) };
  if (err instanceof FormatError) {
    return { ...base, format: { file: err.file, problem: err.problem, fix: err.fix } };
  }
  if (err instanceof RunFolderError) {
    return { ...base, runFolder: { file: err.file, problem: err.problem, fix: err.fix } };
  }
  const code = (e as { code?: unknown }).code;
  return { ...base, ...(typeof code === 'string' ? { code } : {}) };
}

export function rebuildError(e: SerialisedError): Error {
  let err: Error;
  if (e.format) err = new FormatError(e.format.file, e.format.problem, e.format.fix);
  else if (e.runFolder)
    err = new RunFolderError(e.runFolder.file, e.runFolder.problem, e.runFolder.fix);
  else {
    err = new Error(e.message);
    err.name = e.name;
    if (e.code !== undefined) Object.assign(err, { code: e.code });
  }
  if (e.stack !== undefined) err.stack = e.stack;
  return err;
}
