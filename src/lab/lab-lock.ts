/**
 * The lab is one set of fixed names on the machine, so only one user at a time may bring it up
 * and down: parallel test files or two recordings would tear down each other's lab. A lock file
 * holding the owner's pid serialises them across processes; a lock whose pid is dead is stale
 * and taken over.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabError } from './lab-error.js';

export const LAB_LOCK_FILE = join(tmpdir(), 'econ-trace-lab.lock');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive but not ours to signal.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryAcquire(file: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  // An empty file is a lock being written right now: wait for it.
  if (Number.isInteger(owner) && owner > 0 && !isAlive(owner))
    await unlink(file).catch(() => undefined);
  return false;
}

/** Run `fn` holding the lab lock; waits up to `timeoutMs` for another holder to finish. */
export async function withLabLock<T>(
  fn: () => Promise<T>,
  timeoutMs = 300_000,
  file = LAB_LOCK_FILE,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (!(await tryAcquire(file))) {
    if (Date.now() > deadline) {
      throw new LabError(
        'not-ready',
        `the lab is in use (lock ${file}) for over ${timeoutMs} ms`,
        'wait for the other run, or remove the lock if its process is gone',
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    return await fn();
  } finally {
    await unlink(file).catch(() => undefined);
  }
}
