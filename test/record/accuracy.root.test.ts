/**
 * Live, needs root, iproute2, tc, bpftrace and python3: a stage's measured time must be the
 * truth. A known delay is put at one precise place on the lab's overlay path, the path is
 * recorded with the real recorder (recordRun, what `econ-trace record` runs) and read back
 * through the report pipeline (analyseRun); the delay must show up in exactly the stage that
 * contains that place, within 10% at the median, and move no other stage's median by more than
 * OTHER_STAGE_BOUND_NS.
 *
 * Why not netem everywhere: the issue asked for `tc qdisc ... netem delay` on one lab link, but
 * the kernel this project is built and tested on has no sch_netem (CONFIG_NET_SCH_NETEM unset;
 * tc says "Specified qdisc kind is unknown", as for fq, etf, prio, sfq and fq_codel; only htb,
 * tbf, pfifo, ingress and clsact exist). tbf and htb delay a packet only while a standing queue
 * builds, by however much queue is ahead of it: not a known delay per packet. So:
 *
 * - The test that runs everywhere holds the application's read. scripts/delayed-reader.py
 *   receives one TCP connection in container B, polls until it is readable, spins HOLD_NS more,
 *   then reads; it runs at nice -20. The hold sits between sk_data_ready (sock_ready) and
 *   tcp_recvmsg's skb_copy_datagram_iovec (app_read): it must appear in sock_ready>app_read. A
 *   run with no hold, recorded the same way just before, is the baseline; its
 *   sock_ready>app_read is how soon the reader sees the data (about 30 us). TCP, because
 *   tcp_recvmsg always copies through skb_copy_datagram_iovec while udp_recvmsg often copies
 *   without it. 200 segments/s leave 5 ms between segments, more than the hold, so no segment
 *   waits behind a held one. A reader that slept in select until readable and then slept most
 *   of the hold measured +1.98 to +2.07 ms for 2 ms on a quiet machine, but on a busy one +2.45
 *   ms (in CI, beside another test file), +2.33 and +1.89 ms: its wakeup latency, part of the
 *   stage, was 0.12 to 0.74 ms at the median and moved between the baseline and the held run.
 *   Polling and spinning: +2.004 to +2.014 ms over three runs, baseline 30 us; with both cores
 *   kept busy by two other processes, +2.15 ms, baseline 24 us. A failed pair is still recorded
 *   again, back to back, up to PAIRS pairs in all.
 * - The netem variant (a 2 ms netem qdisc on container B's host veth, which holds the skb inside
 *   dev_queue_xmit before net_dev_start_xmit fires: stage inner_rcv>veth_xmit) runs where the
 *   kernel has sch_netem and is skipped with "kernel has no sch_netem" elsewhere, also under
 *   ECON_TRACE_REQUIRE_LIVE=1: a kernel feature is not something CI can install.
 *
 * The recordings filter in the kernel to TCP to the test's port (--proto tcp --dport): the
 * reverse ACKs would otherwise add a second packet population to every kernel stage, and pure
 * ACKs are freed without a traced free, so their addresses come back as other sockets' skbs.
 * `--lab` is not used because its workloads (iperf3, sockperf, the built-in Node one) read as
 * soon as data arrives; the recording names the lab's device roles itself (--dev, as labDevices
 * gives them) and runs the client as its workload command (after --).
 */
import { test, after, before, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import {
  DEFAULT_LAB_CONFIG,
  LAB_DEVICES,
  LAB_NAMESPACES,
  labDevices,
  resolveLabAddresses,
} from '../../src/lab/index.js';
import { parseRecordFlags } from '../../src/record/parse-record-flags.js';
import { recordRun } from '../../src/record/record-run.js';
import { analyseRun } from '../../src/pipeline/analyse-run.js';
import type { RunReport, StageStats } from '../../src/model/report.js';
import {
  assertLiveReady,
  findMissingForLive,
  holdLab,
  kernelLacks,
  skipUnlessLive,
} from '../lab/live-requirements.js';

const READER = join(import.meta.dirname, '..', '..', 'scripts', 'delayed-reader.py');
const HOLD_NS = 2_000_000;
const RATE_PER_SEC = 200;
const DURATION_SEC = 4;
const PAYLOAD_BYTES = 64;
/** Stages with fewer samples than this in either run are too thin for a median to mean much. */
const MIN_SAMPLES = 100;
/**
 * How far any other stage's median may move between the two runs. The kernel stages' medians
 * are 2 to 35 us here and moved by at most 13 us between runs on the 2-core VM (the sender's
 * backlog stage, tx_container>tx_host_veth, is the noisiest), also with both cores loaded. 50 us
 * is a quarter of the 10% band allowed to the delayed stage, and 1/40 of the delay: a delay
 * landing in the wrong stage, even partly, shows.
 */
const OTHER_STAGE_BOUND_NS = 50_000;
/** Baseline and held runs recorded at most this many times (see the hold test). */
const PAIRS = 3;

const missing = await findMissingForLive(['ip', 'tc', 'bpftrace', 'python3']);
const skip = skipUnlessLive(missing);
const serverAddr = resolveLabAddresses(DEFAULT_LAB_CONFIG).ctrB;
let scratch = '';
let dropLab: () => Promise<void> = async () => undefined;
let baseline: RunReport | null = null;
let nextPort = 5301;

before(async () => {
  if (skip !== false || missing.length > 0) return;
  scratch = await mkdtemp(join(tmpdir(), 'econ-accuracy-'));
  dropLab = await holdLab();
  baseline = await recordHeld('hold-0', 0);
});

after(async () => {
  if (skip !== false || missing.length > 0) return;
  await dropLab();
  await rm(scratch, { recursive: true, force: true });
  const left = (await execa('ip', ['netns', 'list'])).stdout;
  assert.doesNotMatch(left, /etlab-/, 'lab down leaves no etlab- namespace');
});

async function waitListening(port: number, server: ResultPromise): Promise<void> {
  for (let i = 0; i < 50 && server.exitCode === null; i++) {
    const ss = await execa(
      'ip',
      ['netns', 'exec', LAB_NAMESPACES.ctrB, 'ss', '-H', '-l', '-n', '-t', `sport = :${port}`],
      { reject: false },
    );
    if (String(ss.stdout).trim() !== '') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill('SIGTERM');
  const res = await server;
  assert.fail(`delayed-reader server not listening on ${port}: ${String(res.stderr)}`);
}

/** Records the reader pair with a hold of `holdNs` before every read; checks the run is whole. */
async function recordHeld(name: string, holdNs: number): Promise<RunReport> {
  const port = nextPort++;
  const out = join(scratch, name);
  const hold = String(Math.round(holdNs / 1000));
  const reader = (ns: string, role: string, ...args: string[]): string[] => [
    ...['ip', 'netns', 'exec', ns, 'python3', READER, role, serverAddr, String(port)],
    ...args,
  ];
  // The server polls for readability; at the highest CPU weight other test files running beside
  // this one do not delay its noticing the data.
  const [serverFile = 'nice', ...serverArgs] = [
    ...['nice', '-n', '-20'],
    ...reader(LAB_NAMESPACES.ctrB, 'server', hold),
  ];
  const server = execa(serverFile, serverArgs, { reject: false, stdin: 'ignore' });
  let read: string;
  try {
    await waitListening(port, server);
    const request = parseRecordFlags({
      out,
      dev: labDevices('overlay').map((d) => `${d.name}=${d.role}`),
      proto: 'tcp',
      dport: String(port),
      command: reader(
        LAB_NAMESPACES.ctrA,
        'client',
        String(DURATION_SEC),
        String(RATE_PER_SEC),
        String(PAYLOAD_BYTES),
      ),
    });
    const { manifest } = await recordRun(request, { notice: () => undefined });
    assert.equal(manifest.status, 'complete', `${name}: ${manifest.statusReason}`);
    assert.equal(manifest.lostEvents, 0, `${name}: lost events`);
  } finally {
    server.kill('SIGTERM');
    read = String((await server).stdout);
  }
  const sent = Number(
    /sent (\d+)/.exec(await readFile(join(out, 'raw', 'workload.log'), 'utf8'))?.[1],
  );
  assert.equal(
    read.trim(),
    `read ${sent * PAYLOAD_BYTES} bytes`,
    `${name}: the server read it all`,
  );
  const { report } = await analyseRun(out);
  const held = findStage(report, 'sock_ready>app_read');
  assert.ok(held.latency.count >= 0.9 * sent, `${name}: ${held.latency.count} of ${sent} read`);
  return report;
}

function findStage(report: RunReport, name: string): StageStats {
  const stage = report.stages.find((s) => s.name === name);
  assert.ok(stage, `stage ${name} present`);
  return stage;
}

/**
 * The delay shows in `stage` (median grows by delayNs +- 10%) and in no other stage with enough
 * samples. Stages ending at `freed` are left out: the free comes when the kernel gets round to
 * it (tcp_recvmsg hands a read skb back to the CPU that allocated it, freed at that CPU's next
 * softirq, usually the next segment's), and most TCP frees are not traced at all.
 */
function assertDelayOnlyIn(
  t: TestContext,
  baseline: RunReport | null,
  delayed: RunReport,
  stage: string,
  delayNs: number,
): void {
  assert.ok(baseline, 'the baseline run was recorded');
  const before = findStage(baseline, stage).latency.p50Ns;
  const grown = findStage(delayed, stage).latency.p50Ns - before;
  assert.ok(
    Math.abs(grown - delayNs) <= delayNs * 0.1,
    `${stage} p50 grew by ${grown} ns (from ${before} ns), expected ${delayNs} ns +- 10%`,
  );
  t.diagnostic(`${stage} p50 ${before} ns -> ${before + grown} ns: +${grown} ns for ${delayNs} ns`);
  let compared = 0;
  let largest = 0;
  for (const other of baseline.stages) {
    if (other.name === stage || other.to === 'freed' || other.latency.count < MIN_SAMPLES) continue;
    const then = delayed.stages.find((s) => s.name === other.name);
    if (!then || then.latency.count < MIN_SAMPLES) continue;
    const moved = then.latency.p50Ns - other.latency.p50Ns;
    assert.ok(Math.abs(moved) <= OTHER_STAGE_BOUND_NS, `${other.name} p50 moved by ${moved} ns`);
    compared++;
    if (Math.abs(moved) > Math.abs(largest)) largest = moved;
  }
  t.diagnostic(`${compared} other stages, largest p50 move ${largest} ns`);
  // The overlay path's chain from the sender's eth0 to sock_ready: about a dozen stages.
  assert.ok(compared >= 8, `only ${compared} other stages had ${MIN_SAMPLES} samples in both runs`);
}

test(
  'live (root): a 2 ms hold before the read lands in sock_ready>app_read, within 10%, nowhere else',
  { skip, timeout: 240_000 },
  async (t) => {
    assertLiveReady(missing);
    // The stage also holds the reader's wakeup latency, which the baseline measures: when the
    // machine's load changes between the two runs (other test files run beside this one), so
    // does that latency. A failed pair is recorded again, back to back, up to PAIRS times; a
    // delay measured in the wrong place or of the wrong size fails every pair.
    let reference = baseline;
    for (let pair = 1; ; pair++) {
      const held = await recordHeld(`hold-2ms-${pair}`, HOLD_NS);
      try {
        assertDelayOnlyIn(t, reference, held, 'sock_ready>app_read', HOLD_NS);
        return;
      } catch (err) {
        if (pair >= PAIRS) throw err;
        t.diagnostic(`pair ${pair}: ${err instanceof Error ? err.message : String(err)}`);
      }
      reference = await recordHeld(`hold-0-${pair + 1}`, 0);
    }
  },
);

test(
  'live (root): a 2 ms netem delay on veth-c lands in inner_rcv>veth_xmit, where the kernel has sch_netem',
  { skip, timeout: 60_000 },
  async (t) => {
    assertLiveReady(missing);
    const tc = ['netns', 'exec', LAB_NAMESPACES.hostB, 'tc', 'qdisc'];
    const dev = ['dev', LAB_DEVICES.hostVeth, 'root'];
    const added = await execa('ip', [...tc, 'add', ...dev, 'netem', 'delay', '2ms'], {
      reject: false,
    });
    if (added.exitCode !== 0) {
      const lacks = kernelLacks('netem', String(added.stderr));
      assert.ok(lacks, `tc qdisc add netem failed: ${String(added.stderr).trim()}`);
      t.skip(lacks);
      return;
    }
    let delayed: RunReport;
    try {
      delayed = await recordHeld('netem-2ms', 0);
    } finally {
      await execa('ip', [...tc, 'del', ...dev]);
    }
    // The qdisc holds the skb inside dev_queue_xmit, before net_dev_start_xmit fires on veth-c.
    assertDelayOnlyIn(t, baseline, delayed, 'inner_rcv>veth_xmit', 2_000_000);
  },
);
