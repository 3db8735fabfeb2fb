/**
 * Opens report.html in headless Chromium from file:// and checks that it is self-contained: no
 * request leaves file://, nothing fails to load, the console stays clean, and every chart's
 * <svg> is visible with a nonzero size, and flame boxes carry hover <title>s. Needs /usr/bin/chromium (Debian's `chromium` package).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { writeReport } from '../../src/render/write-report.js';
import { buildSampleModel } from '../fixtures-render/sample-model.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

test('report.html opens offline in Chromium with every chart visible', async (t) => {
  if (!existsSync(CHROMIUM)) {
    const why = `${CHROMIUM} is missing: apt-get install chromium`;
    if (process.env.ECON_TRACE_REQUIRE_LIVE === '1') assert.fail(why);
    t.skip(why);
    return;
  }
  const root = await mkdtemp(join(tmpdir(), 'econ-trace-html-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const model = buildSampleModel();
    await writeReport(model, root);
    const page = await browser.newPage();
    const nonFile: string[] = [];
    const failed: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) nonFile.push(r.url());
    });
    page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText ?? '?'}`));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));

    const url = pathToFileURL(join(root, 'report.html')).href;
    const response = await page.goto(url, { waitUntil: 'load' });
    assert.ok(response === null || response.ok(), 'report.html loads');

    assert.equal(await page.title(), 'econ-trace report');
    for (const chart of model.charts) {
      const svg = page.locator(`figure#chart-${chart.id} > svg`);
      assert.equal(await svg.count(), 1, `${chart.id} has one inline svg`);
      assert.ok(await svg.isVisible(), `${chart.id} svg is visible`);
      const box = await svg.boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0, `${chart.id} svg has a size`);
    }
    // Hover without scripts: flame boxes carry <title>s, trace text shown as text.
    for (const id of ['cpu-flame', 'cpu-diff-flame', 'stage-flame']) {
      const titles = page.locator(`figure#chart-${id} > svg path > title`);
      assert.ok((await titles.count()) > 10, `${id} boxes have <title>s`);
    }
    const hover = await page
      .locator('figure#chart-cpu-flame > svg path > title')
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    assert.ok(hover.some((t) => t.startsWith('operator<<<script>&\n400 ns per packet')));
    const heading = await page.locator('h2', { hasText: 'Run 3:' }).innerText();
    assert.ok(heading.includes('<script>alert(1)</script>'), 'the label shows as text');
    assert.equal(await page.locator('script').count(), 0);

    assert.deepEqual(nonFile, [], 'requests to non-file URLs');
    assert.deepEqual(failed, [], 'failed requests');
    assert.deepEqual(consoleErrors, [], 'console errors');
  } finally {
    await browser.close();
    await rm(root, { recursive: true, force: true });
  }
});
