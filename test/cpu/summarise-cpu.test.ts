import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { summariseCpu } from '../../src/cpu/summarise-cpu.js';
import type { CpuSummary } from '../../src/model/cpu.js';
import { assertGolden } from '../support/assert-golden.js';
import { CPU_FIXTURES, foldBuffer, readBytes } from './fold-helpers.js';

async function summarise(
  name: string,
  frequencyHz: number | null,
  packets: number,
): Promise<CpuSummary> {
  const folded = await foldBuffer(await readBytes(join(CPU_FIXTURES, name)));
  return summariseCpu({
    file: `cpu/${name}`,
    event: folded.event,
    stacks: folded.folder.stacks,
    samples: folded.folder.samples,
    samplesWithPeriod: folded.folder.samplesWithPeriod,
    frequencyHz,
    packets,
    ingest: folded.counters,
    top: 20,
  });
}

/** Categories as a readable table: samples, ns, ns per packet. */
function dumpCategories(s: CpuSummary): string {
  const rows = s.perCategory.map(
    (c) =>
      `${c.category.padEnd(22)} ${String(c.samples).padStart(5)} ${String(c.ns).padStart(12)} ${c.nsPerPacket === null ? '-' : c.nsPerPacket.toFixed(1)}`,
  );
  return `${s.event} ${s.timeSource} samples=${s.samples} totalNs=${s.totalNs} nsPerPacket=${s.nsPerPacket?.toFixed(1) ?? '-'}\n${rows.join('\n')}\n`;
}

test('recorded profile: CPU per category and per packet, from the periods', async () => {
  const s = await summarise('cpu-clock-default.txt.gz', 499, 100_000);
  assert.equal(s.timeSource, 'period');
  // Every sample lands in exactly one category; the totals add up.
  assert.equal(
    s.perCategory.reduce((n, c) => n + c.samples, 0),
    s.samples,
  );
  assert.equal(s.totalNs, s.folded.totalWeight);
  assert.equal(s.folded.top.length, 20);
  const kept = s.folded.top.reduce((n, t) => n + t.weight, 0);
  assert.equal(kept + s.folded.otherWeight, s.folded.totalWeight);
  assertGolden('cpu/cpu-clock-default-categories.txt', dumpCategories(s));
  assertGolden('cpu/cpu-clock-default-summary.json', `${JSON.stringify(s, null, 2)}\n`);
});

test('without periods, time comes from the perf -F frequency', async () => {
  const s = await summarise('cpu-clock-fields.txt.gz', 499, 1000);
  assert.equal(s.timeSource, 'frequency');
  // Each category is rounded to whole ns on its own.
  assert.ok(Math.abs(s.totalNs - (s.samples * 1e9) / 499) <= s.perCategory.length);
  const unknown = await summarise('cpu-clock-fields.txt.gz', null, 1000);
  assert.equal(unknown.timeSource, 'unknown');
  assert.equal(unknown.totalNs, 0);
});

test('no packets: per-packet figures are null, not infinite', async () => {
  const s = await summarise('quirks.txt', 499, 0);
  assert.equal(s.nsPerPacket, null);
  assert.ok(s.perCategory.every((c) => c.nsPerPacket === null));
});
