/**
 * Runs the built CLI (bin/run.js over dist/, as a user would after `npm run build`) and returns
 * what it printed. `npm test` builds before testing.
 */
import { execa } from 'execa';

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const r = await execa('node', ['bin/run.js', ...args], {
    reject: false,
    env: { ...env, NO_COLOR: '1' },
    stdin: 'ignore',
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** True when the output looks like a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+\(.+:\d+:\d+\)$/m.test(text) || /^\s+at .+:\d+:\d+$/m.test(text);
}
