import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderText } from '../../src/render/render-text.js';
import { buildSampleModel } from '../fixtures-render/sample-model.js';
import { assertGolden } from './assert-golden.js';

test('renderText of the sample model matches its golden file', async () => {
  await assertGolden('sample.txt', renderText(buildSampleModel()));
});

test('renderText has the fixed sections in order', () => {
  const headings = renderText(buildSampleModel())
    .split('\n')
    .filter((l) => /^(==|--) /.test(l));
  assert.deepEqual(headings, [
    '== Headlines ==',
    '== Run 1: vanilla 6.18 overlay ==',
    '-- Stages --',
    '-- End-to-end --',
    '== Run 2: econ 5.15 overlay [SYNTHETIC] ==',
    '-- Stages --',
    '-- End-to-end --',
    '== Run 3: host `no overlay` | <script>alert(1)</script> ==',
    '-- Stages --',
    '-- End-to-end --',
    '== Comparison 1: econ 5.15 overlay [SYNTHETIC] vs vanilla 6.18 overlay ==',
    '== Comparison 2: host `no overlay` | <script>alert(1)</script> vs vanilla 6.18 overlay ==',
    '== Method ==',
  ]);
});

test('renderText is deterministic and has no colour codes or trailing spaces', () => {
  const a = renderText(buildSampleModel());
  assert.equal(a, renderText(buildSampleModel()));
  assert.ok(!a.includes('\u001b'));
  assert.doesNotMatch(a, / +\n/);
});

test('renderText strips terminal escapes from trace-derived labels', () => {
  const model = buildSampleModel();
  const run = model.runs[0];
  assert.ok(run);
  run.label = 'evil\u001b]0;title\u0007';
  const text = renderText(model);
  assert.ok(text.includes('== Run 1: evil?]0;title? =='));
  assert.ok(![...text].some((c) => c.charCodeAt(0) < 0x20 && c !== '\n'));
});

test('renderText of a single run headlines its end-to-end median', () => {
  const model = buildSampleModel();
  const text = renderText({ ...model, runs: model.runs.slice(1, 2), comparisons: [] });
  assert.ok(
    text.includes(
      '* econ 5.15 overlay [SYNTHETIC]: outer_rcv>sock_ready p50 12.40 µs, ECON hit rate 91.1%',
    ),
  );
});
