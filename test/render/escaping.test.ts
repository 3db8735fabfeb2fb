import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChartSpecs } from '../../src/render/charts/build-chart-specs.js';
import { renderHtml } from '../../src/render/render-html.js';
import { renderMarkdown } from '../../src/render/render-markdown.js';
import { renderSvg } from '../../src/render/render-svg.js';
import { buildSampleModel } from '../fixtures-render/sample-model.js';

async function renderAll(): Promise<{ md: string; html: string; svgs: string[] }> {
  const model = buildSampleModel();
  const charts = buildChartSpecs(model);
  const svgs = await Promise.all(charts.map((c) => renderSvg(c.spec, { idPrefix: c.id })));
  const html = renderHtml(model, new Map(charts.map((c, i) => [c.id, svgs[i] ?? ''])));
  return { md: renderMarkdown(model), html, svgs };
}

test('the <script> label, device and example never appear raw in Markdown, HTML or SVG', async () => {
  const { md, html, svgs } = await renderAll();
  for (const [name, text] of [['md', md], ['html', html], ...svgs.map((s, i) => [`svg${i}`, s])]) {
    assert.doesNotMatch(text ?? '', /<script/i, `${name} has a raw <script`);
  }
});

test('HTML shows the <script> strings as text entities', async () => {
  const { html } = await renderAll();
  assert.ok(html.includes('host `no overlay` | &lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('netif_receive_skb,&lt;script&gt;alert(1)&lt;/script&gt;|`eth9`'));
});

test('Markdown neutralises markup, pipes and backticks in trace-derived text', async () => {
  const { md } = await renderAll();
  assert.ok(md.includes('host \\`no overlay\\` \\| &lt;script>alert(1)&lt;/script>'));
  assert.ok(md.includes('&lt;script>alert(1)&lt;/script>\\|\\`eth9\\`'));
});

test('HTML is self-contained: no external URL, no script, synthetic marked', async () => {
  const { html } = await renderAll();
  // xmlns attributes name namespaces; they are never fetched.
  const urls = [...html.matchAll(/(?:https?:|\/\/[a-z])[^\s"'<>)]*/gi)]
    .map((m) => m[0])
    .filter((u) => !/^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)$/.test(u));
  assert.deepEqual(urls, []);
  assert.doesNotMatch(html, /<(script|link|img|iframe|object)\b/i);
  assert.doesNotMatch(html, /@import|url\((?!#)/);
  assert.match(
    html,
    /<h2>Run 2: econ 5\.15 overlay <span class="synthetic"[^>]*>SYNTHETIC<\/span>/,
  );
  assert.match(html, /<h2>Comparison 1: econ 5\.15 overlay <span class="synthetic"/);
  assert.ok(html.indexOf('class="headlines"') < html.indexOf('<h2>'), 'headlines come first');
});
