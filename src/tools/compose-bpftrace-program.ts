/**
 * Builds the text of a function-probe bpftrace program from econ-trace's reviewed files in
 * bpftrace/: the base variant for the mechanism, plus its ECON part on ECON kernels (bpftrace
 * refuses a whole program when one function is missing, so ECON probes are only added when
 * /proc/kallsyms has econ_rx). The only rewrite is the fixed fentry spelling for newer bpftrace;
 * nothing else is ever spliced in (filters travel as positional parameters, see tool-argv.ts).
 */
import { readFile } from 'node:fs/promises';
import type { FentrySpelling } from './tool-version.js';

export type FunctionMechanism = 'fentry' | 'kprobe';

/** bpftrace/ at the package root; the same relative place from src/tools and dist/tools. */
export const BPFTRACE_DIR = new URL('../../bpftrace/', import.meta.url);

/** File names of a variant, in the order they are joined. */
export function listFunctionProbeFiles(mechanism: FunctionMechanism, econ: boolean): string[] {
  const base = `econ-trace-${mechanism}.bt`;
  return econ ? [base, `econ-trace-${mechanism}-econ.bt`] : [base];
}

/**
 * The files are written in bpftrace 0.17's spelling (kfunc:/kretfunc:); from 0.20 on the
 * documented names are fentry:/fexit:. Only probe headers at the start of a line are renamed.
 */
export function renderFentrySpelling(text: string, spelling: FentrySpelling): string {
  if (spelling === 'kfunc') return text;
  return text.replace(/^kretfunc:/gm, 'fexit:').replace(/^kfunc:/gm, 'fentry:');
}

export async function composeFunctionProbeProgram(opts: {
  mechanism: FunctionMechanism;
  spelling: FentrySpelling;
  econ: boolean;
  /** Folder holding the .bt files; BPFTRACE_DIR by default. */
  dir?: URL;
}): Promise<string> {
  const dir = opts.dir ?? BPFTRACE_DIR;
  const parts = await Promise.all(
    listFunctionProbeFiles(opts.mechanism, opts.econ).map((f) => readFile(new URL(f, dir), 'utf8')),
  );
  const text = parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join('\n');
  return opts.mechanism === 'fentry' ? renderFentrySpelling(text, opts.spelling) : text;
}
