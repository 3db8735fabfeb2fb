import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ExportError } from '../../src/export/export-error.js';
import { exportFolded } from '../../src/export/export-folded.js';
import { makeCpuRun } from './make-cpu-run.js';

test('folded export: flamegraph.pl lines, the same as stackcollapse-perf.pl printed', async () => {
  const run = await makeCpuRun();
  try {
    const out = join(run, 'cpu.folded');
    const r = await exportFolded(run, out);
    const text = await readFile(out, 'latin1');
    const lines = text.trimEnd().split('\n');
    for (const line of lines) assert.match(line, /^[^;\n]+(;[^;\n]*)* \d+$/);
    assert.equal(lines.length, r.stacks);
    const reference = gunzipSync(await readFile('fixtures/cpu/cpu-clock-default.folded.gz'));
    assert.equal(text, reference.toString('latin1'));
    assert.equal(r.bytes, reference.length);
  } finally {
    await rm(run, { recursive: true, force: true });
  }
});

test('folded export of a run without cpu samples: one clear error, no file', async () => {
  const run = await makeCpuRun(null);
  try {
    const out = join(run, 'cpu.folded');
    await assert.rejects(exportFolded(run, out), ExportError);
    await assert.rejects(readFile(out), { code: 'ENOENT' });
  } finally {
    await rm(run, { recursive: true, force: true });
  }
});
