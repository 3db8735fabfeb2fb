import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareCpu } from '../../src/cpu/compare-cpu.js';
import { readPerfFrequency } from '../../src/cpu/read-perf-frequency.js';
import { CPU_CATEGORIES } from '../../src/cpu/cpu-categories.js';
import type { CpuCategory, CpuSummary } from '../../src/model/cpu.js';
import { createIngestCounters } from '../../src/model/ingest.js';

function summary(nsPerPacket: Partial<Record<CpuCategory, number>>, packets: number): CpuSummary {
  const perCategory = CPU_CATEGORIES.map((c) => {
    const per = nsPerPacket[c.category] ?? 0;
    return {
      category: c.category,
      title: c.title,
      samples: 1,
      ns: per * packets,
      nsPerPacket: packets > 0 ? per : null,
    };
  });
  const networking = perCategory
    .filter((c) => c.category !== 'not-networking')
    .reduce((n, c) => n + c.ns, 0);
  return {
    file: 'cpu/perf-script.txt',
    event: 'cpu-clock',
    samples: perCategory.length,
    timeSource: 'period',
    totalNs: perCategory.reduce((n, c) => n + c.ns, 0),
    packets,
    nsPerPacket: packets > 0 ? networking / packets : null,
    perCategory,
    folded: { top: [], distinct: 0, otherSamples: 0, otherWeight: 0, totalWeight: 0 },
    ingest: createIngestCounters(),
  };
}

test('per-category and total delta per packet, relative to the baseline', () => {
  const base = summary({ 'vxlan-decap': 400, bridge: 600, 'transport-lookup': 500 }, 1000);
  const cand = summary({ 'vxlan-decap': 0, bridge: 300, 'transport-lookup': 500, econ: 50 }, 2000);
  const cmp = compareCpu(base, cand);
  assert.deepEqual(cmp.total, {
    baselineNsPerPacket: 1500,
    candidateNsPerPacket: 850,
    deltaNsPerPacket: -650,
    deltaRel: -650 / 1500,
  });
  const by = new Map(cmp.perCategory.map((c) => [c.category, c]));
  assert.equal(by.get('vxlan-decap')?.deltaRel, -1);
  assert.equal(by.get('bridge')?.deltaNsPerPacket, -300);
  assert.equal(by.get('transport-lookup')?.deltaRel, 0);
  // A category the baseline never spent time in has no relative change.
  assert.equal(by.get('econ')?.deltaNsPerPacket, 50);
  assert.equal(by.get('econ')?.deltaRel, null);
  assert.equal(cmp.perCategory.length, CPU_CATEGORIES.length);
});

test('a run without packets has no per-packet figures to compare', () => {
  const cmp = compareCpu(summary({ bridge: 1 }, 0), summary({ bridge: 1 }, 10));
  assert.equal(cmp.total.deltaNsPerPacket, null);
  assert.equal(cmp.total.baselineNsPerPacket, null);
  assert.equal(cmp.total.candidateNsPerPacket, 1);
});

test('perf -F frequency from the manifest commands', () => {
  assert.equal(
    readPerfFrequency([['perf', 'record', '-a', '-g', '-F', '499', '--', 'sleep', '2']]),
    499,
  );
  assert.equal(
    readPerfFrequency([
      ['iperf3', '-s'],
      ['/usr/bin/perf', 'record', '-F99', '-a'],
    ]),
    99,
  );
  assert.equal(readPerfFrequency([['perf', 'record', '--freq=997', '-g']]), 997);
  assert.equal(readPerfFrequency([['perf', 'record', '-F', 'max']]), null);
  assert.equal(readPerfFrequency([['perf', 'record', '-a', '--', 'app', '-F', '5']]), null);
  assert.equal(readPerfFrequency([['perf', 'script', '-F', 'comm']]), null);
  assert.equal(readPerfFrequency([]), null);
});
