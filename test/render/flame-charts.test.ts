import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChartSpecs } from '../../src/render/charts/build-chart-specs.js';
import { renderSvg } from '../../src/render/render-svg.js';
import { buildSampleModel } from '../fixtures-render/sample-model.js';
import { HOSTILE_FRAME } from '../fixtures-render/sample-cpu.js';

interface Box {
  frame?: string;
  name?: string;
  depth: number;
  x0: number;
  x1: number;
  [k: string]: unknown;
}

/** Each vconcat panel's boxes (the data of its rect layer), by panel title. */
function listPanels(id: string): Map<string, Box[]> {
  const chart = buildChartSpecs(buildSampleModel()).find((c) => c.id === id);
  assert.ok(chart, id);
  const spec = chart.spec as unknown as {
    vconcat: { title: { text: string }; data: { values: Box[] } }[];
  };
  return new Map(spec.vconcat.map((p) => [p.title.text, p.data.values]));
}

function titlesOf(svg: string): string[] {
  return [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1] ?? '');
}

test('cpu-flame: one panel per run with CPU samples, root width = networking CPU per packet', () => {
  const model = buildSampleModel();
  const panels = listPanels('cpu-flame');
  assert.deepEqual([...panels.keys()], ['vanilla 6.18 overlay', 'econ 5.15 overlay (synthetic)']);
  const [vanilla, econ] = [...panels.values()];
  assert.ok(vanilla && econ);
  const root = vanilla.find((b) => b.depth === 0);
  assert.ok(root);
  assert.ok(Math.abs(root.x1 - (model.runs[0]?.cpu?.nsPerPacket ?? 0) / 1000) < 1e-9);
  assert.ok(!vanilla.some((b) => b.frame === 'default_idle'), 'idle is not networking');
  // Children never stick out of their parent, and no box is dropped from its parent's width.
  for (const b of vanilla.filter((x) => x.depth > 0)) {
    const parent = vanilla.find(
      (p) => p.depth === b.depth - 1 && p.x0 <= b.x0 + 1e-12 && b.x1 <= p.x1 + 1e-12,
    );
    assert.ok(parent, `${String(b.frame)} sits under a parent`);
  }
  const merged = vanilla.find((b) => b.frame === '12 narrow frames');
  assert.ok(merged, 'the twelve narrow helpers are merged into one box');
  assert.ok(Math.abs(merged.x1 - merged.x0 - 0.048) < 1e-9, 'with their summed width');
  assert.ok(econ.some((b) => b.frame === 'econ_rx' && b.kind === 'econ'));
});

test('cpu-diff-flame: vanished frames keep their baseline width, new ones are red', () => {
  const [boxes] = [...listPanels('cpu-diff-flame').values()];
  assert.ok(boxes);
  const vx = boxes.find((b) => b.frame === 'vxlan_rcv');
  assert.ok(vx, 'vxlan_rcv vanished in the candidate and is still drawn');
  assert.equal(vx.candUs, 0);
  assert.equal(vx.changePct, -100);
  assert.ok(Math.abs(vx.x1 - vx.x0 - 1.2) < 1e-9);
  const econ = boxes.find((b) => b.frame === 'econ_rx');
  assert.ok(econ);
  assert.equal(econ.baseUs, 0);
  assert.equal(econ.changePct, 100);
  assert.equal(econ.change, 'new in the candidate');
});

test('stage-flame: phases on top, stages below; the ECON panel has no bridge or decap', () => {
  const panels = listPanels('stage-flame');
  const vanilla = panels.get('vanilla 6.18 overlay') ?? [];
  const econ = panels.get('econ 5.15 overlay (synthetic)') ?? [];
  assert.deepEqual(
    vanilla.filter((b) => b.depth === 0).map((b) => b.name),
    ['outer', 'decap', 'bridge', 'container', 'socket'],
  );
  assert.ok(vanilla.some((b) => b.name === 'outer_rcv>inner_rcv' && b.depth === 1));
  assert.ok(!econ.some((b) => b.name === 'outer_rcv>inner_rcv' || b.name === 'bridge'));
  for (const phase of vanilla.filter((b) => b.depth === 0)) {
    const inside = vanilla.filter((b) => b.depth === 1 && b.phase === phase.name);
    const sum = inside.reduce((s, b) => s + (b.x1 - b.x0), 0);
    assert.ok(Math.abs(sum - (phase.x1 - phase.x0)) < 1e-9, `${String(phase.name)} = its stages`);
  }
  const chart = buildChartSpecs(buildSampleModel()).find((c) => c.id === 'stage-flame');
  assert.match(JSON.stringify(chart?.spec.title), /never walks: outer_rcv>inner_rcv/);
});

test('flame boxes carry hover <title>s with trace text escaped', async () => {
  const chart = buildChartSpecs(buildSampleModel()).find((c) => c.id === 'cpu-flame');
  assert.ok(chart);
  const svg = await renderSvg(chart.spec, { idPrefix: chart.id });
  const titles = titlesOf(svg);
  assert.ok(titles.some((t) => t.startsWith('vxlan_rcv\n1.20 µs per packet')));
  assert.ok(titles.some((t) => t.startsWith('operator&lt;&lt;&lt;script&gt;&amp;\n')));
  assert.ok(!svg.includes(HOSTILE_FRAME), 'the raw frame name never appears');
});
