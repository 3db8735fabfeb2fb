/**
 * One measurement of the recording-overhead benchmark: a lab workload run once, untraced or
 * while `econ-trace record` (the built CLI, a given mode) records it. The recorder is started
 * first and the client only once bpftrace has attached (its CSV header is in the events file);
 * then the recorder is stopped with SIGINT, as a user would, and its --json result read.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { WorkloadPlan } from '../../src/lab/index.js';
import { findChildren, readBpfProgStats, type BpfProgStats } from './bpf-prog-stats.js';
import { readIperfFigure, readSockperfFigure, type WorkloadFigure } from './workload-figures.js';

export interface RecordMode {
  name: string;
  /** Extra `record` flags; null = untraced. */
  flags: string[] | null;
}

export interface CellResult {
  figure: WorkloadFigure;
  /** From the recorder's result; null when untraced. */
  lostEvents: number | null;
  eventsPerSec: number | null;
  packetsAggregated: number | null;
  packetsSampled: number | null;
  bpf: BpfProgStats | null;
}

/** The lab's devices by role, as --dev flags (the overlay path). */
export const LAB_DEV_FLAGS = [
  '--dev=ulA=underlay',
  '--dev=ulB=underlay',
  '--dev=vxlan0=vxlan',
  '--dev=br0=bridge',
  '--dev=veth-c=host-veth',
  '--dev=eth0=container',
];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitForHeader(file: string, rec: ResultPromise, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (rec.exitCode !== null)
      throw new Error(`record exited early: ${String((await rec).stderr)}`);
    const head = await readFile(file, 'latin1').catch(() => '');
    // bpftrace's "Attaching N probes..." line may come first.
    if (head.startsWith('ts_ns,') || head.includes('\nts_ns,')) return;
    await sleep(100);
  }
  throw new Error(`bpftrace did not attach within ${timeoutMs} ms (${file})`);
}

/** sockperf prints its summary on stderr; iperf3 --json is stdout alone. */
function readFigure(plan: WorkloadPlan, run: { stdout: string; all?: string }): WorkloadFigure {
  if (plan.tool === 'sockperf') return readSockperfFigure(run.all ?? '');
  return readIperfFigure(run.stdout, plan.kind === 'udp-stream');
}

interface RecordJson {
  cost?: {
    lostEvents: number;
    eventsPerSec: number;
    packetsAggregated: number | null;
    packetsSampled: number | null;
  } | null;
  manifest?: { lostEvents: number };
}

export async function measureCell(opts: {
  root: string;
  plan: WorkloadPlan;
  mode: RecordMode;
  outDir: string;
}): Promise<CellResult> {
  const [client = '', ...clientArgs] = opts.plan.client;
  const args = opts.plan.tool === 'iperf3' ? [...clientArgs, '--json'] : clientArgs;
  if (opts.mode.flags === null) {
    const run = await execa(client, args, { reject: false, all: true });
    return {
      figure: readFigure(opts.plan, run),
      lostEvents: null,
      eventsPerSec: null,
      packetsAggregated: null,
      packetsSampled: null,
      bpf: null,
    };
  }
  // A header left by the previous run must not pass for this one's attach.
  await rm(opts.outDir, { recursive: true, force: true });
  const rec = execa(
    'node',
    [
      'bin/run.js',
      'record',
      '--out',
      opts.outDir,
      '--force',
      '--json',
      '--path',
      'overlay',
      ...LAB_DEV_FLAGS,
      ...opts.mode.flags,
    ],
    { cwd: opts.root, reject: false },
  );
  await waitForHeader(join(opts.outDir, 'events', 'packets.csv'), rec, 120_000);
  const run = await execa(client, args, { reject: false, all: true });
  const pid = rec.pid ?? 0;
  // The native loader's command name is its file name cut to 15 bytes.
  const [tracer] = await findChildren(pid, ['bpftrace', 'econ-trace-aggr']);
  const bpf = tracer === undefined ? null : await readBpfProgStats(tracer);
  rec.kill('SIGINT');
  const done = await rec;
  const json = JSON.parse(String(done.stdout)) as RecordJson;
  return {
    figure: readFigure(opts.plan, run),
    lostEvents: json.cost?.lostEvents ?? json.manifest?.lostEvents ?? null,
    eventsPerSec: json.cost?.eventsPerSec ?? null,
    packetsAggregated: json.cost?.packetsAggregated ?? null,
    packetsSampled: json.cost?.packetsSampled ?? null,
    bpf,
  };
}
