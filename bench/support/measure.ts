/**
 * Runs a command as a child process and measures it the way a user would feel it: wall time from
 * spawn to exit, and the child's peak resident memory (max RSS) as GNU time reports it. GNU time
 * (Debian package `time`, /usr/bin/time) is needed because Node cannot read a child's rusage.
 */
import { existsSync } from 'node:fs';
import { execa } from 'execa';

const GNU_TIME = '/usr/bin/time';

export interface Measured {
  wallS: number;
  maxRssMb: number;
}

/** Runs argv (stdout discarded); throws with the child's stderr when it fails. */
export async function measureCommand(argv: string[], cwd: string): Promise<Measured> {
  if (!existsSync(GNU_TIME)) {
    throw new Error(`${GNU_TIME} is missing: apt-get install time`);
  }
  const [file, ...args] = argv;
  if (file === undefined) throw new Error('empty command');
  const started = process.hrtime.bigint();
  const result = await execa(GNU_TIME, ['-f', 'maxrss_kb=%M', file, ...args], {
    cwd,
    reject: false,
    stdout: 'ignore',
  });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.exitCode !== 0) {
    throw new Error(`${argv.join(' ')} exited ${result.exitCode}:\n${result.stderr}`);
  }
  const match = /maxrss_kb=(\d+)/.exec(result.stderr);
  if (!match) throw new Error(`no maxrss in: ${result.stderr}`);
  return { wallS, maxRssMb: Number(match[1]) / 1024 };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
