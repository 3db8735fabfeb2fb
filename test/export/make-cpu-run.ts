/**
 * A run folder for export and CPU tests, in a temp directory: the bundled overlay-vanilla run
 * (manifest and events) plus a perf script file from fixtures/cpu/ as its cpu/ samples, and the
 * perf record command in the manifest. The samples were not recorded with those events: the
 * folder tests the plumbing, not a measurement.
 */
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunManifest } from '../../src/model/manifest.js';

const SOURCE = 'fixtures/runs/overlay-vanilla';

export async function makeCpuRun(
  cpuFixture: string | null = 'cpu-clock-default.txt.gz',
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'econ-cpu-run-'));
  const manifest = JSON.parse(await readFile(join(SOURCE, 'manifest.json'), 'utf8')) as RunManifest;
  await mkdir(join(dir, 'events'));
  for (const e of manifest.events) await copyFile(join(SOURCE, e.file), join(dir, e.file));
  if (cpuFixture !== null) {
    await mkdir(join(dir, 'cpu'));
    await copyFile(join('fixtures/cpu', cpuFixture), join(dir, 'cpu', 'perf-script.txt.gz'));
    manifest.recorder.commands.push([
      'perf',
      'record',
      '-a',
      '-g',
      '-F',
      '499',
      '--',
      'sleep',
      '2',
    ]);
  }
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}
