/**
 * Records the perf stack-sample fixtures in fixtures/cpu/ through the network lab (root only):
 *   npx tsx test/cpu/record-cpu-fixtures.ts
 * One `perf record -a -g -F 499 -- sleep 2` during an iperf3 UDP stream through the overlay,
 * printed by `perf script` in five shapes; then one recording of cpu-clock plus a tracepoint
 * during a slower stream. Every file is gzipped; the commands go to fixtures/cpu/commands.txt.
 * Provenance: fixtures/cpu/README.md.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { execa } from 'execa';
import {
  bringLabUp,
  planWorkload,
  runWorkload,
  tearLabDown,
  withLabLock,
} from '../../src/lab/index.js';

const OUT = join('fixtures', 'cpu');
const commands: string[][] = [];

async function run(argv: string[]): Promise<void> {
  commands.push(argv);
  await execa(argv[0] ?? 'perf', argv.slice(1), { stdout: 'ignore', stderr: 'ignore' });
}

/** `perf script` with extra arguments, gzipped into fixtures/cpu/<name>.txt.gz. */
async function script(data: string, name: string, extra: string[]): Promise<void> {
  const argv = ['perf', 'script', '-i', data, ...extra];
  commands.push(argv);
  const proc = execa(argv[0] ?? 'perf', argv.slice(1), { buffer: false, stderr: 'ignore' });
  if (!proc.stdout) throw new Error('perf script has no stdout');
  await Promise.all([
    pipeline(proc.stdout, createGzip({ level: 9 }), createWriteStream(join(OUT, `${name}.txt.gz`))),
    proc,
  ]);
}

/** perf record while a workload runs through the overlay. */
async function recordDuring(
  data: string,
  events: string[],
  ratePerSec: number,
  sleepSec: number,
): Promise<void> {
  const plan = await planWorkload({
    kind: 'udp-stream',
    path: 'overlay',
    durationSec: sleepSec + 2,
    ratePerSec,
    payloadBytes: 64,
  });
  const workload = runWorkload(plan);
  await new Promise((r) => setTimeout(r, 700));
  await run([
    'perf',
    'record',
    ...events,
    '-a',
    '-g',
    '-F',
    '499',
    '-o',
    data,
    '--',
    'sleep',
    String(sleepSec),
  ]);
  await workload;
}

const scratch = await mkdtemp(join(tmpdir(), 'econ-cpu-fixture-'));
await withLabLock(async () => {
  try {
    await bringLabUp();
    const data = join(scratch, 'cpu.data');
    await recordDuring(data, [], 0, 2);
    await script(data, 'cpu-clock-default', []);
    await script(data, 'cpu-clock-ns', ['--ns']);
    await script(data, 'cpu-clock-fields', ['-F', 'comm,tid,time,event,ip,sym,dso']);
    await script(data, 'cpu-clock-fields-period', ['-F', 'comm,tid,time,event,ip,sym,dso,period']);
    await script(data, 'cpu-clock-pid-cpu', [
      '-F',
      'comm,pid,tid,cpu,time,period,event,ip,sym,dso',
    ]);
    const mixed = join(scratch, 'mixed.data');
    await recordDuring(mixed, ['-e', 'cpu-clock', '-e', 'net:netif_receive_skb'], 3000, 1);
    await script(mixed, 'mixed-tracepoint-cpu-clock', ['--ns']);
  } finally {
    await tearLabDown();
  }
});
await writeFile(
  join(OUT, 'commands.txt'),
  commands.map((c) => c.join(' ').replaceAll(scratch, '<tmp>')).join('\n') + '\n',
);
await rm(scratch, { recursive: true, force: true });
