/** An ExportError as the CliError a user sees; anything else goes on unchanged. */
import { CliError, EXIT_BAD_INPUT } from '../cli/cli-error.js';
import { ExportError } from './export-error.js';

export function toExportCliError(err: unknown): unknown {
  if (!(err instanceof ExportError)) return err;
  return new CliError({
    code: 'EXPORT_NOT_POSSIBLE',
    message: err.message,
    suggestion: err.suggestion,
    exitCode: EXIT_BAD_INPUT,
    cause: err,
  });
}
