/**
 * Charts rendered in the chart worker are exactly renderSvg's SVG text, and the idle worker does
 * not keep a process alive (a command that fails before rendering must still exit).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { buildChartSpecs } from '../../src/render/charts/build-chart-specs.js';
import { renderChart } from '../../src/render/chart-renderer.js';
import { renderSvg } from '../../src/render/render-svg.js';
import { buildSampleModel } from '../fixtures-render/sample-model.js';

const WRITE_REPORT = fileURLToPath(new URL('../../src/render/write-report.ts', import.meta.url));

test('renderChart gives renderSvg text for every chart, in any order of completion', async () => {
  const charts = buildChartSpecs(buildSampleModel());
  const inWorker = await Promise.all(charts.map((c) => renderChart(c.spec, c.id)));
  for (const [i, c] of charts.entries()) {
    assert.equal(inWorker[i], await renderSvg(c.spec, { idPrefix: c.id }), c.id);
  }
});

test('importing the report writer starts the worker without keeping the process alive', async () => {
  const code = `await import(${JSON.stringify(WRITE_REPORT)}); console.log('loaded');`;
  const result = await execa(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', code],
    { timeout: 20_000, reject: false },
  );
  assert.equal(result.timedOut, false);
  assert.equal(result.exitCode, 0);
  assert.equal(result.stdout, 'loaded');
});
