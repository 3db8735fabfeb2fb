/**
 * Live benchmarks share the network lab with tests: hold the lab lock for the whole session and
 * bring the overlay up when it is not (never tear down a lab someone else brought up).
 * Run as a script, runs one command inside the session: `tsx bench/support/lab-session.ts CMD ARGS`.
 */
import { execa } from 'execa';
import { bringLabUp, readLabStatus, withLabLock } from '../../src/lab/index.js';

export async function withLabSession<T>(fn: () => Promise<T>): Promise<T> {
  return withLabLock(async () => {
    const status = await readLabStatus();
    if (!status.overlayReady) {
      console.error('bringing the lab up');
      await bringLabUp();
    }
    return fn();
  }, 900_000);
}

if (process.argv[1]?.endsWith('lab-session.ts')) {
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === undefined) throw new Error('usage: tsx bench/support/lab-session.ts CMD [ARGS...]');
  await withLabSession(async () => {
    const r = await execa(cmd, args, { reject: false, stdio: 'inherit' });
    process.exitCode = r.exitCode ?? 1;
  });
}
