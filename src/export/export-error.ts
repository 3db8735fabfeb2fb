/** An export that cannot be made from this run (e.g. folded stacks of a run without cpu/). */
export class ExportError extends Error {
  override readonly name = 'ExportError';

  constructor(
    message: string,
    readonly suggestion: string,
  ) {
    super(message);
  }
}
