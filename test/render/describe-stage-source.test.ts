/**
 * The line under a run's stage table: kernel histograms say so with their error bound, runs
 * bpftrace printed event by event carry a warning in every format, other runs need no line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summariseKernelStages } from '../../src/analyse/kernel-stages.js';
import { createRunSummariser } from '../../src/analyse/summarise-run.js';
import { createIngestCounters } from '../../src/model/ingest.js';
import type { ProbeMechanism, RunManifest } from '../../src/model/manifest.js';
import { readRunFolder } from '../../src/run-folder/read-run-folder.js';
import { describeStageSource } from '../../src/render/describe-stage-source.js';
import { renderHtml } from '../../src/render/render-html.js';
import { renderMarkdown } from '../../src/render/render-markdown.js';
import { buildSampleModel } from '../fixtures-render/sample-model.js';

const FIXTURE = new URL('../../fixtures/runs/overlay-vanilla/', import.meta.url);

async function summarise(mechanism: ProbeMechanism, kernel = false) {
  const { manifest } = await readRunFolder(FIXTURE.pathname);
  const withPlan: RunManifest = {
    ...manifest,
    probePlan: manifest.probePlan.map((p) => ({ ...p, mechanism })),
  };
  const summariser = createRunSummariser({
    source: 'r',
    manifest: withPlan,
    expected: () => [],
    ...(kernel
      ? {
          kernelStages: summariseKernelStages({
            starts: new Map(),
            packets: 0,
            sampled: 0,
            stages: new Map(),
          }),
        }
      : {}),
  });
  return summariser.finish(createIngestCounters()).report;
}

test('printed by bpftrace: flagged, and the line says what printing costs', async () => {
  for (const m of ['tracepoint', 'fentry', 'kprobe'] as const) {
    const run = await summarise(m);
    assert.equal(run.printedInPath, true, m);
    assert.match(describeStageSource(run) ?? '', /bpftrace printed event by event/);
  }
});

test('kernel histograms, perf or the native recorder: no printing warning', async () => {
  const kernel = await summarise('raw-tracepoint', true);
  assert.equal(kernel.printedInPath, undefined);
  assert.match(describeStageSource(kernel) ?? '', /^stage source: kernel histograms/);
  // A bpftrace aggregate run: its stage table is the kernel's, not the printed timelines'.
  assert.equal((await summarise('tracepoint', true)).printedInPath, undefined);
  const perf = await summarise('perf-tracepoint');
  assert.equal(perf.printedInPath, undefined);
  assert.equal(describeStageSource(perf), null);
});

test('the warning reaches Markdown and HTML', () => {
  const model = buildSampleModel();
  const run = model.runs[0];
  assert.ok(run);
  run.printedInPath = true;
  assert.match(renderMarkdown(model), /bpftrace printed event by event/);
  const html = renderHtml(model, new Map(model.charts.map((c) => [c.id, '<svg></svg>'])));
  assert.match(html, /<p class="meta">stage source: packet timelines that bpftrace/);
});
