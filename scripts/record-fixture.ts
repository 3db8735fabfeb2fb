/**
 * Records one real fixture run folder (docs/run-folder.md) through the network lab, with the
 * tracing tools run directly:
 *   npx tsx scripts/record-fixture.ts NAME overlay|host bpftrace|perf [RATE_PPS] [DURATION_SEC]
 * Brings the lab up, starts the tracer, runs iperf3 UDP with 64-byte payloads at a modest rate
 * (bpftrace's printf per event loses events at high rates), stops the tracer, gzips the event
 * file, writes manifest.json and tears the lab down. Root only. Provenance: fixtures/README.md.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, release, tmpdir, version } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { execa } from 'execa';
import type { PathKind, RunManifest } from '../src/model/manifest.js';
import { writeManifest } from '../src/run-folder/write-manifest.js';
import {
  withLabLock,
  bringLabUp,
  ensureTracefs,
  labDevices,
  planWorkload,
  runWorkload,
  tearLabDown,
} from '../src/lab/index.js';
import { TRACEPOINTS, startBpftrace, startPerf, type Tracer } from './record-fixture-tracers.js';

const [name, pathArg, tool, rateArg, durationArg] = process.argv.slice(2);
if (
  !name ||
  (pathArg !== 'overlay' && pathArg !== 'host') ||
  (tool !== 'bpftrace' && tool !== 'perf')
) {
  process.stderr.write(
    'usage: record-fixture NAME overlay|host bpftrace|perf [RATE_PPS] [DURATION_SEC]\n',
  );
  process.exit(2);
}
const path: PathKind = pathArg;
const ratePerSec = Number(rateArg ?? 1000);
const durationSec = Number(durationArg ?? 3);

/** Inode of the machine's network namespace: pid 1's, or ours where pid 1's is not readable. */
async function readOwnNetnsInode(): Promise<{ argv: string[]; inode: string }> {
  for (const file of ['/proc/1/ns/net', '/proc/self/ns/net']) {
    const argv = ['stat', '-L', '-c', '%i', file];
    const res = await execa(argv[0] ?? 'stat', argv.slice(1), { reject: false });
    if (res.exitCode === 0) return { argv, inode: res.stdout.trim() };
  }
  throw new Error('cannot read the network namespace inode of pid 1 or of this process');
}

async function gzipFile(from: string, to: string): Promise<void> {
  await pipeline(createReadStream(from), createGzip({ level: 9 }), createWriteStream(to));
  await rm(from);
}

const runDir = join('fixtures', 'runs', name);
const eventsName = tool === 'bpftrace' ? 'packets.csv' : 'packets.perf.txt';
await rm(runDir, { recursive: true, force: true });
await mkdir(join(runDir, 'events'), { recursive: true });
await mkdir(join(runDir, 'raw'), { recursive: true });
const scratch = await mkdtemp(join(tmpdir(), 'econ-fixture-'));
const eventsPath = join(runDir, 'events', eventsName);

// Tests and other recordings use the same lab: one at a time.
await withLabLock(async () => {
  try {
    await ensureTracefs();
    await bringLabUp();
    const netns = await readOwnNetnsInode();
    const toolVersion = (
      await execa(tool, tool === 'bpftrace' ? ['--version'] : ['version'])
    ).stdout.trim();
    const plan = await planWorkload({
      kind: 'udp-stream',
      path,
      durationSec,
      ratePerSec,
      payloadBytes: 64,
    });
    const startedAt = new Date().toISOString();
    const tracer: Tracer =
      tool === 'bpftrace'
        ? await startBpftrace(eventsPath, join(runDir, 'raw'), netns.inode)
        : await startPerf(eventsPath, join(runDir, 'raw'), join(scratch, 'perf.data'));
    const workload = await runWorkload(plan);
    await new Promise((r) => setTimeout(r, 500));
    const lost = await tracer.stop();
    const endedAt = new Date().toISOString();
    await writeFile(
      join(runDir, 'raw', 'workload.txt'),
      `${plan.client.join(' ')}\n${workload.stdout}\n${workload.stderr}`,
    );
    await gzipFile(eventsPath, `${eventsPath}.gz`);
    const kallsyms = await execa('grep', ['-c', '-w', 'econ_rx', '/proc/kallsyms'], {
      reject: false,
    });
    const manifest: RunManifest = {
      schemaVersion: 1,
      label: `vanilla ${release().split('-')[0] ?? release()} ${path}${tool === 'perf' ? ' (perf)' : ''}`,
      path,
      kernel: {
        release: release(),
        version: version(),
        econ: kallsyms.stdout.trim() !== '0',
        econEnabled: false,
      },
      hostname: hostname(),
      recorder: {
        name: tool,
        version: toolVersion,
        commands: [
          ...(tool === 'bpftrace' ? [netns.argv] : []),
          ...tracer.commands,
          plan.server,
          plan.client,
        ],
      },
      probePlan: TRACEPOINTS.map((t) => ({
        point: t.split(':')[1] ?? t,
        mechanism: tool === 'bpftrace' ? 'tracepoint' : 'perf-tracepoint',
        probe: `tracepoint:${t}`,
      })),
      devices: labDevices(path),
      events: [
        {
          file: `events/${eventsName}.gz`,
          format: tool === 'bpftrace' ? 'bpftrace-csv' : 'perf-script',
        },
      ],
      startedAt,
      endedAt,
      clockSource:
        tool === 'bpftrace'
          ? 'CLOCK_MONOTONIC (bpftrace nsecs)'
          : 'perf_clock (perf record default, local_clock)',
      sampling: { oneIn: 1, unit: 'packet' },
      lostEvents: lost,
      status: workload.exitCode === 0 ? 'complete' : 'partial',
      statusReason:
        workload.exitCode === 0 ? '' : `workload failed with exit code ${workload.exitCode}`,
      synthetic: { value: false, description: '' },
    };
    await writeManifest(runDir, manifest);
    process.stdout.write(
      `${runDir}: lost ${lost}, workload exit ${workload.exitCode}\n${workload.stdout.split('\n').slice(-5).join('\n')}\n`,
    );
  } finally {
    await tearLabDown();
    await rm(scratch, { recursive: true, force: true });
  }
});
