/**
 * A run folder that cannot be read: missing, not a directory, or a manifest that does not meet
 * docs/run-folder.md. The message is one line: the file, what is wrong, what to do.
 */
export class RunFolderError extends Error {
  override readonly name = 'RunFolderError';
  readonly code = 'RUN_FOLDER_INVALID';

  /**
   * @param file the file or folder at fault, as the user named it (e.g. runs/x/manifest.json)
   * @param problem what is wrong with it
   * @param fix what to do about it
   */
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(oneLine(`${file}: ${problem}; ${fix}`), options);
  }
}

/** Messages from JSON.parse or the OS can carry newlines; the contract is one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
