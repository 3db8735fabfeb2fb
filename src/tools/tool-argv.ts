/**
 * Argument vectors for bpftrace and perf, built as plain data. Program text passed here comes
 * from econ-trace's own reviewed files or fixed snippets; values from the command line reach
 * bpftrace only as positional parameters ($1 ...), validated as non-negative integers, so
 * nothing a user types is ever part of a program.
 */

/** `bpftrace --version` / `perf --version`. */
export function buildVersionArgv(): string[] {
  return ['--version'];
}

/** Run a fixed program given inline, e.g. a tiny attach test. */
export function buildBpftraceInlineArgv(program: string): string[] {
  return ['-e', program];
}

/** Run a program file with positional parameters ($1 ...). */
export function buildBpftraceFileArgv(
  programFile: string,
  positional: readonly number[],
): string[] {
  return [programFile, ...formatPositional(positional)];
}

/** Compile a program file to an ELF file without attaching anything (bpftrace's dry run). */
export function buildBpftraceEmitElfArgv(
  elfFile: string,
  programFile: string,
  positional: readonly number[],
): string[] {
  return ['--emit-elf', elfFile, programFile, ...formatPositional(positional)];
}

/**
 * Positional parameters as decimal strings. Only non-negative safe integers pass: a namespace
 * inode or a port is what the scripts take, and a number cannot change a program's meaning.
 */
export function formatPositional(values: readonly number[]): string[] {
  return values.map((v, i) => {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new RangeError(`bpftrace parameter $${i + 1} must be a non-negative integer, got ${v}`);
    }
    return String(v);
  });
}
