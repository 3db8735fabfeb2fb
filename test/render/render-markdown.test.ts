import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../src/render/render-markdown.js';
import { buildSampleModel } from '../fixtures-render/sample-model.js';
import { assertGolden } from '../support/assert-golden.js';

test('renderMarkdown of the sample model matches its golden file', async () => {
  assertGolden('render/sample.md', renderMarkdown(buildSampleModel()));
});

test('renderMarkdown embeds every chart as an image link to its .svg', () => {
  const md = renderMarkdown(buildSampleModel());
  for (const chart of buildSampleModel().charts) {
    assert.ok(md.includes(`](${chart.id}.svg)`), chart.id);
  }
});

test('renderMarkdown shows ingest examples with file:line and marks synthetic runs', () => {
  const md = renderMarkdown(buildSampleModel());
  assert.ok(md.includes('- malformed-line at events/packets.csv:17: 1673881185,1,netif_rx'));
  assert.ok(md.includes('## Run 2: econ 5.15 overlay \\[SYNTHETIC\\]'));
  assert.ok(md.includes('> **Synthetic data.** generated from the vanilla run'));
  for (const h of ['### Flows', '### CPUs', '### Checkpoints', '### ECON', '### Ingest issues']) {
    assert.ok(md.includes(h), h);
  }
});

test('renderMarkdown keeps every table row at its column count despite pipes in cells', () => {
  const lines = renderMarkdown(buildSampleModel()).split('\n');
  let columns = 0;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      columns = 0;
      continue;
    }
    // Unescaped pipes separate cells; a `\|` from a label must not.
    const cells = line.split(/(?<!\\)\|/).length - 2;
    if (columns === 0) columns = cells;
    assert.equal(cells, columns, line);
  }
});
