import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport } from '../../src/render/write-report.js';
import { buildSampleModel } from '../fixtures-render/sample-model.js';

test('writeReport writes md, html, json and each chart as svg and vl.json, deterministically', async () => {
  const root = await mkdtemp(join(tmpdir(), 'econ-trace-report-'));
  try {
    const model = buildSampleModel();
    const out = join(root, 'nested', 'out');
    const { files } = await writeReport(model, out);
    const expected = ['report.md', 'report.html', 'report.json'];
    for (const c of model.charts) expected.push(`${c.id}.svg`, `${c.id}.vl.json`);
    assert.deepEqual(
      files,
      expected.map((f) => join(out, f)),
    );
    assert.deepEqual((await readdir(out)).sort(), [...expected].sort());

    assert.deepEqual(JSON.parse(await readFile(join(out, 'report.json'), 'utf8')), model);
    const spec = JSON.parse(await readFile(join(out, 'stage-breakdown.vl.json'), 'utf8')) as {
      title: { text: string };
    };
    assert.equal(spec.title.text, 'Where the time goes: mean time per packet in each stage');
    const html = await readFile(join(out, 'report.html'), 'utf8');
    assert.equal((html.match(/<svg /g) ?? []).length, model.charts.length);

    const out2 = join(root, 'again');
    await writeReport(model, out2);
    for (const f of expected) {
      const [a, b] = await Promise.all([
        readFile(join(out, f), 'utf8'),
        readFile(join(out2, f), 'utf8'),
      ]);
      assert.equal(a, b, `${f} differs between two writes`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
