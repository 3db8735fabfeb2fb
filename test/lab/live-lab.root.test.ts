/**
 * Live, needs root and iproute2: brings the lab up, checks container A reaches container B over
 * the overlay and host A reaches host B over the underlay, reads the status, tears the lab
 * down and checks no etlab- namespace is left.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bringLabUp,
  checkReachability,
  readLabStatus,
  tearLabDown,
  withLabLock,
} from '../../src/lab/index.js';
import { parseNetnsList } from '../../src/lab/build-teardown-plan.js';
import { runArgvChecked } from '../../src/lab/run-argv.js';
import { assertLiveReady, findMissingForLive, skipUnlessLive } from './live-requirements.js';

const missing = await findMissingForLive(['ip']);

test(
  'live (root): lab up, overlay and host reachable, status, clean teardown',
  { skip: skipUnlessLive(missing), timeout: 360_000 },
  async () => {
    assertLiveReady(missing);
    // Other live tests use the same lab: one at a time.
    await withLabLock(checkLabLifecycle);
  },
);

async function checkLabLifecycle(): Promise<void> {
  try {
    const up = await bringLabUp();
    assert.ok(up.overlayReady && up.hostReady);
    for (const path of ['overlay', 'host'] as const) {
      const reach = await checkReachability(path);
      assert.ok(reach.ok, `${path} path not reachable (${reach.method}): ${reach.output}`);
    }
    const status = await readLabStatus();
    const ctrB = status.namespaces.find((ns) => ns.name === 'etlab-ctrB');
    const eth0 = ctrB?.devices.find((d) => d.name === 'eth0');
    assert.deepEqual(eth0?.addresses, ['10.233.2.2/16']);
    assert.equal(eth0?.mtu, 1450);
    const hostA = status.namespaces.find((ns) => ns.name === 'etlab-hostA');
    assert.equal(hostA?.devices.find((d) => d.name === 'vxlan0')?.master, 'br0');
    assert.deepEqual(status.strays, []);
  } finally {
    await tearLabDown();
  }
  const left = parseNetnsList((await runArgvChecked(['ip', 'netns', 'list'])).stdout).filter((n) =>
    n.startsWith('etlab-'),
  );
  assert.deepEqual(left, []);
  const after = await readLabStatus();
  assert.ok(after.namespaces.every((ns) => !ns.exists) && !after.overlayReady && !after.hostReady);
  // Idempotent: a second teardown finds nothing and succeeds.
  assert.deepEqual(await tearLabDown(), []);
}
