import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from 'vega-lite';
import { buildChartSpecs } from '../../src/render/charts/build-chart-specs.js';
import { listQuantilePoints } from '../../src/render/charts/latency-cdf.js';
import { renderSvg } from '../../src/render/render-svg.js';
import { buildNoEconModel, buildSampleModel } from '../fixtures-render/sample-model.js';

/** Text content of the SVG's <text> elements, entities decoded enough to compare titles. */
function listSvgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );
}

/** Axis titles as written in a spec (top level or in any layer), for comparison with the SVG. */
function listAxisTitles(spec: unknown): string[] {
  const titles: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const rec = node as Record<string, unknown>;
    const enc = rec.encoding as Record<string, { title?: unknown }> | undefined;
    for (const ch of ['x', 'y']) {
      const t = enc?.[ch]?.title;
      if (typeof t === 'string') titles.push(t);
    }
    if (rec.layer) visit(rec.layer);
    if (rec.vconcat) visit(rec.vconcat);
  };
  visit(spec);
  return [...new Set(titles)];
}

test('buildChartSpecs builds one spec per chart ref of the model, in order', () => {
  const model = buildSampleModel();
  assert.deepEqual(
    buildChartSpecs(model).map((c) => ({ id: c.id, title: c.title })),
    model.charts,
  );
});

for (const [name, build] of [
  ['sample', buildSampleModel],
  ['no-ECON', buildNoEconModel],
] as const) {
  test(`every ${name} chart compiles and its SVG shows title, axis titles and legend`, async () => {
    for (const chart of buildChartSpecs(build())) {
      compile(chart.spec);
      const svg = await renderSvg(chart.spec, { idPrefix: chart.id });
      assert.match(svg, /^<svg /, chart.id);
      const texts = listSvgTexts(svg);
      assert.ok(texts.includes(chart.title), `${chart.id}: title ${chart.title}`);
      const axes = listAxisTitles(chart.spec);
      assert.ok(axes.length >= 2, `${chart.id} has x and y titles`);
      for (const t of axes) assert.ok(texts.includes(t), `${chart.id}: axis title ${t}`);
      assert.match(svg, /role-legend/, `${chart.id} has a legend`);
      assert.match(axes.join(' '), /\((µs|s|%|count)[,)]/, `${chart.id}: a unit in an axis title`);
    }
  });
}

test('renderSvg output is identical when rendered twice, and ids are per chart', async () => {
  const charts = buildChartSpecs(buildSampleModel());
  const first = await Promise.all(charts.map((c) => renderSvg(c.spec, { idPrefix: c.id })));
  const second = await Promise.all(charts.map((c) => renderSvg(c.spec, { idPrefix: c.id })));
  assert.deepEqual(first, second);
  first.forEach((svg, i) => {
    for (const m of svg.matchAll(/ id="([^"]+)"/g)) {
      assert.ok(m[1]?.startsWith(`${charts[i]?.id}-`), m[1]);
    }
  });
});

test('synthetic runs are labelled "(synthetic)" on the stage breakdown run axis', async () => {
  const chart = buildChartSpecs(buildSampleModel()).find((c) => c.id === 'stage-breakdown');
  assert.ok(chart);
  const texts = listSvgTexts(await renderSvg(chart.spec));
  assert.ok(texts.includes('econ 5.15 overlay (synthetic)'));
  assert.ok(texts.includes('outer_rcv>inner_rcv'), 'a wide segment carries its stage name');
  assert.ok(chart.title.includes('mean'), 'the title says which statistic is stacked');
});

test('the hit-rate chart says so when no run has ECON', async () => {
  const chart = buildChartSpecs(buildNoEconModel()).find((c) => c.id === 'hit-rate');
  assert.ok(chart);
  const texts = listSvgTexts(await renderSvg(chart.spec));
  assert.ok(texts.includes('no ECON runs: no run recorded econ_rx'));
});

test('the CDF uses the dense quantiles when present and the percentiles otherwise', () => {
  const [vanilla] = buildSampleModel().runs;
  assert.ok(vanilla);
  const [dense, sparse] = vanilla.endToEnd;
  assert.ok(dense && sparse);
  assert.equal(listQuantilePoints(dense).length, 9);
  assert.deepEqual(
    listQuantilePoints(sparse).map((p) => p.q),
    [0, 0.5, 0.9, 0.99, 0.999, 1],
  );
  const cdf = buildChartSpecs(buildSampleModel()).find((c) => c.id === 'latency-cdf');
  assert.match(JSON.stringify(cdf?.spec.title), /from percentiles/);
});
