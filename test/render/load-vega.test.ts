/**
 * The single-file builds load-vega.ts runs are the packages' own vega and vega-lite: same
 * versions as the module entries, and a report chart renders to the same SVG text either way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as vegaModule from 'vega';
import * as vegaLiteModule from 'vega-lite';
import { loadVega } from '../../src/render/load-vega.js';
import { buildChartSpecs } from '../../src/render/charts/build-chart-specs.js';
import { buildSampleModel } from '../fixtures-render/sample-model.js';

test('the single-file builds are the installed versions', () => {
  const { vega, vegaLite } = loadVega();
  assert.equal(vega.version, vegaModule.version);
  assert.equal(vegaLite.version, vegaLiteModule.version);
  assert.equal(loadVega(), loadVega(), 'loaded once');
});

test('a flame chart renders to the same SVG with either build', async () => {
  const chart = buildChartSpecs(buildSampleModel()).find((c) => c.id === 'cpu-flame');
  assert.ok(chart);
  const draw = async (vega: typeof vegaModule, vegaLite: typeof vegaLiteModule) => {
    vega.resetSVGDefIds();
    const view = new vega.View(vega.parse(vegaLite.compile(chart.spec).spec), { renderer: 'none' });
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  };
  const { vega, vegaLite } = loadVega();
  const single = await draw(vega, vegaLite);
  assert.ok(single.includes('<rect'), 'drew boxes');
  assert.equal(single, await draw(vegaModule, vegaLiteModule));
});
