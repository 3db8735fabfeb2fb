import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { analyseRun } from '../../src/pipeline/analyse-run.js';
import { makeCpuRun } from '../export/make-cpu-run.js';

test('a run folder with cpu/ gets RunReport.cpu, per wire packet of its timelines', async () => {
  const run = await makeCpuRun();
  try {
    const { report } = await analyseRun(run);
    const cpu = report.cpu;
    assert.ok(cpu);
    assert.equal(cpu.file, 'cpu/perf-script.txt.gz');
    assert.equal(cpu.event, 'cpu-clock:pppH');
    assert.equal(cpu.samples, 2002);
    assert.equal(cpu.timeSource, 'period');
    assert.equal(cpu.packets, report.packets.wirePackets);
    const networkingNs = cpu.perCategory
      .filter((c) => c.category !== 'not-networking')
      .reduce((n, c) => n + c.ns, 0);
    assert.equal(cpu.nsPerPacket, networkingNs / report.packets.wirePackets);
    assert.deepEqual(JSON.parse(JSON.stringify(cpu)), cpu, 'JSON-safe');
  } finally {
    await rm(run, { recursive: true, force: true });
  }
});

test('a run folder without cpu/ has no cpu field, as before', async () => {
  const { report } = await analyseRun('fixtures/runs/overlay-perf'); // recorded without --cpu
  assert.equal('cpu' in report, false);
});

test('a cpu/ file that is not perf script is refused with the format error', async () => {
  const { writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { FormatError } = await import('../../src/parse/format-error.js');
  const run = await makeCpuRun();
  try {
    await rm(join(run, 'cpu', 'perf-script.txt.gz'));
    const lines = Array.from({ length: 80 }, (_, i) => `${i},rcv,vxlan0,ffff88810a288d00,0,70`);
    await writeFile(join(run, 'cpu', 'perf-script.txt'), lines.join('\n'));
    await assert.rejects(analyseRun(run), FormatError);
  } finally {
    await rm(run, { recursive: true, force: true });
  }
});
