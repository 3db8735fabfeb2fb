import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { deriveEconRun } from '../../src/synth/derive-econ-run.js';

const SOURCE = 'fixtures/runs/overlay-vanilla';
const COMMITTED = 'fixtures/runs/overlay-econ-synthetic';
// The command line the fixture was made with (scripts/make-econ-fixture.ts records it).
const COMMAND = ['npx', 'tsx', 'scripts/make-econ-fixture.ts', SOURCE, COMMITTED];

test('the committed synthetic ECON fixture is exactly what the generator makes', async () => {
  const out = await mkdtemp(join(tmpdir(), 'econ-synth-'));
  try {
    const summary = await deriveEconRun(SOURCE, out, COMMAND);
    const made = gunzipSync(await readFile(join(out, 'events/packets.csv.gz'))).toString();
    const committed = gunzipSync(
      await readFile(join(COMMITTED, 'events/packets.csv.gz')),
    ).toString();
    assert.equal(made, committed);
    const cpu = (dir: string): Promise<Buffer> => readFile(join(dir, 'cpu/perf-script.txt.gz'));
    assert.ok(gunzipSync(await cpu(out)).equals(gunzipSync(await cpu(COMMITTED))), 'cpu file');
    assert.equal(
      await readFile(join(out, 'manifest.json'), 'utf8'),
      await readFile(join(COMMITTED, 'manifest.json'), 'utf8'),
    );
    assert.ok(summary.hits > 0.9 * summary.packets, 'most packets hit the flow cache');
    assert.ok(summary.misses >= 1, 'the first packet of a flow misses');
    assert.ok(summary.cpu && summary.cpu.removed > 0 && summary.cpu.added === 2, 'CPU modelled');
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('the synthetic manifest says synthetic, ECON enabled, and how it was made', async () => {
  const manifest = JSON.parse(await readFile(join(COMMITTED, 'manifest.json'), 'utf8')) as {
    synthetic: { value: boolean; description: string };
    kernel: { econ: boolean; econEnabled: boolean };
    probePlan: { point: string; mechanism: string }[];
  };
  assert.equal(manifest.synthetic.value, true);
  assert.match(manifest.synthetic.description, /Not measured on an ECON kernel/);
  assert.deepEqual(manifest.kernel.econ && manifest.kernel.econEnabled, true);
  assert.ok(manifest.probePlan.some((p) => p.point === 'econ_rx' && p.mechanism === 'synthetic'));
});

test('a vanilla run that is not an overlay run is refused', async () => {
  const out = await mkdtemp(join(tmpdir(), 'econ-synth-'));
  try {
    await assert.rejects(
      deriveEconRun('fixtures/runs/host', out, COMMAND),
      /needs a real vanilla overlay run/,
    );
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
