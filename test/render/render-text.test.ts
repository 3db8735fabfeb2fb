import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderText } from '../../src/render/render-text.js';
import { buildSampleModel } from '../fixtures-render/sample-model.js';
import { assertGolden } from '../support/assert-golden.js';

test('renderText of the sample model matches its golden file', async () => {
  assertGolden('render/sample.txt', renderText(buildSampleModel()));
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
    '-- CPU per packet --',
    '== Run 2: econ 5.15 overlay [SYNTHETIC] ==',
    '-- Stages --',
    '-- End-to-end --',
    '-- CPU per packet --',
    '== Run 3: host `no overlay` | <script>alert(1)</script> ==',
    '-- Stages --',
    '-- End-to-end --',
    '-- CPU per packet --',
    '== Comparison 1: econ 5.15 overlay [SYNTHETIC] vs vanilla 6.18 overlay ==',
    '-- CPU per packet --',
    '== Comparison 2: host `no overlay` | <script>alert(1)</script> vs vanilla 6.18 overlay ==',
    '-- CPU per packet --',
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

test('renderText shows CPU per packet per run and per comparison, or why there is none', () => {
  const text = renderText(buildSampleModel());
  assert.match(text, /^total \(networking\) +798 +13\.15 µs +100\.0%$/m);
  assert.match(text, /^vxlan-decap +1\.20 µs +0 ns +-1\.20 µs +-100\.0%$/m);
  assert.match(text, /^econ +0 ns +150 ns +\+150 ns +n\/a$/m);
  assert.match(text, /^total \(networking\) +13\.15 µs +8\.40 µs +-4\.75 µs +-36\.1%$/m);
  const host = text.slice(text.indexOf('== Run 3'), text.indexOf('== Comparison 1'));
  assert.ok(host.includes('\nno CPU samples recorded (record with --cpu)\n'));
  assert.ok(
    text.includes('no CPU samples recorded (record with --cpu): host `no overlay` | <script>'),
  );
});
