/**
 * The lab lock: holders run one at a time, a dead holder's lock is taken over, a live holder
 * makes a waiter give up with a LabError after its timeout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabError, withLabLock } from '../../src/lab/index.js';

test('the lab lock serialises holders and takes over a stale lock', async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'econ-lab-lock-')), 'lab.lock');
  const order: string[] = [];
  const hold = (name: string, ms: number) =>
    withLabLock(
      async () => {
        order.push(`${name}+`);
        await new Promise((r) => setTimeout(r, ms));
        order.push(`${name}-`);
      },
      5000,
      file,
    );
  await Promise.all([hold('a', 300), hold('b', 10)]);
  assert.ok(order.join() === 'a+,a-,b+,b-' || order.join() === 'b+,b-,a+,a-', order.join());
  // A lock left by a process that is gone (pid far above pid_max) does not block.
  await writeFile(file, '999999999');
  assert.equal(await withLabLock(async () => 'ran', 2000, file), 'ran');
  // A lock held by a live process (this one) makes a waiter give up with a LabError.
  await writeFile(file, String(process.pid));
  await assert.rejects(
    withLabLock(async () => undefined, 300, file),
    (err: unknown) => err instanceof LabError && err.code === 'not-ready',
  );
});
