/**
 * "Not this format": the one input problem a parser throws for instead of counting. It means the
 * file as a whole is something else (wrong format named in the manifest, a log captured instead
 * of the trace), so counting every line as bad would only hide the real mistake.
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';
  readonly code = 'NOT_THIS_FORMAT';

  /**
   * @param file the file as named in the run folder
   * @param problem what was found, e.g. `first line is not the bpftrace-csv header`
   * @param fix what to do about it
   */
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${file}: ${problem}; ${fix}`);
  }
}
