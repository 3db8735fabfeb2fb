/**
 * The argv that starts builtin-workload-main in a child process: this Node, the loader flags it
 * was started with (tsx, when running from source), and the entry file next to this one, with
 * this file's own extension (.ts from source, .js from dist).
 */
import { fileURLToPath } from 'node:url';

const LOADER_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/** Loader flags from an execArgv, and nothing else (the test runner adds flags a child must not get). */
export function pickLoaderFlags(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] ?? '';
    const next = execArgv[i + 1];
    if (LOADER_FLAGS.has(arg) && next !== undefined) {
      out.push(arg, next);
      i++;
    } else if ([...LOADER_FLAGS].some((flag) => arg.startsWith(`${flag}=`))) {
      out.push(arg);
    }
  }
  return out;
}

/** Argv prefix for the built-in workload; append `server ...` or `client ...`. */
export function resolveBuiltinCommand(): string[] {
  const self = fileURLToPath(import.meta.url);
  const ext = self.endsWith('.ts') ? '.ts' : '.js';
  const main = fileURLToPath(new URL(`./builtin-workload-main${ext}`, import.meta.url));
  return [process.execPath, ...pickLoaderFlags(process.execArgv), main];
}
