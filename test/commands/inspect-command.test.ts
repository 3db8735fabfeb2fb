import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { hasStackTrace, runCli } from './run-cli.js';
import { baseManifest, goodEvents, makeRun } from './make-run.js';
import { assertGolden } from '../support/assert-golden.js';

test('inspect prints the host fixture exactly', async () => {
  const r = await runCli(['inspect', 'fixtures/runs/host']);
  assert.equal(r.exitCode, 0, r.stderr);
  assertGolden('commands/inspect-host.txt', r.stdout);
});

test('inspect --json gives counts per probe point and device', async () => {
  const run = await makeRun(baseManifest(), goodEvents(4));
  try {
    const r = await runCli(['inspect', run, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const result = JSON.parse(r.stdout) as {
      events: number;
      byPointAndDevice: { key: string; events: number }[];
      durationNs: number;
    };
    assert.equal(result.events, 32);
    assert.deepEqual(
      result.byPointAndDevice.find((e) => e.key === 'netif_receive_skb@<script>'),
      { key: 'netif_receive_skb@<script>', events: 4 },
    );
    assert.equal(result.durationNs, 3 * 20_000 + 7 * 1000);
  } finally {
    await rm(run, { recursive: true, force: true });
  }
});

test('inspect on a folder without a manifest: one line, exit 2', async () => {
  const run = await makeRun(null, goodEvents(1));
  try {
    const r = await runCli(['inspect', run]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /manifest\.json/);
    assert.ok(!hasStackTrace(r.stderr), r.stderr);
  } finally {
    await rm(run, { recursive: true, force: true });
  }
});
