/**
 * Live, needs root, iproute2, bpftrace, iperf3, clang and libbpf-dev: records the lab overlay in
 * aggregate mode (the default: the native recorder on the receive path), in aggregate mode on
 * every checkpoint with the native recorder and with bpftrace, and in events mode with both, and
 * checks that the in-kernel histograms count every packet and agree with the per-event
 * timelines and with each other on the stages' medians.
 * One lab for the file, under the lab lock (holdLab), torn down at the end.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIVE_POINTS } from '../../src/record/build-record-plan.js';
import { parseRecordFlags, type RawRecordFlags } from '../../src/record/parse-record-flags.js';
import { recordRun } from '../../src/record/record-run.js';
import { analyseRun } from '../../src/pipeline/analyse-run.js';
import { createIngestCounters } from '../../src/model/ingest.js';
import { parseStageHistograms } from '../../src/parse/bpftrace-stage-hist.js';
import type { RunReport } from '../../src/model/report.js';
import {
  assertLiveReady,
  findMissingForLive,
  holdLab,
  skipUnlessLive,
} from '../lab/live-requirements.js';

const missing = await findMissingForLive(['ip', 'bpftrace', 'iperf3', 'clang', 'cc']);
const skip = skipUnlessLive(missing);
let scratch = '';
let dropLab: () => Promise<void> = async () => undefined;

before(async () => {
  if (skip !== false) return;
  scratch = await mkdtemp(join(tmpdir(), 'econ-record-agg-live-'));
  dropLab = await holdLab();
});

after(async () => {
  if (skip !== false) return;
  await dropLab();
  await rm(scratch, { recursive: true, force: true });
});

/** A modest UDP stream both modes keep up with: 64-byte datagrams, 2000/s for 3 s. */
async function recordLab(name: string, flags: Partial<RawRecordFlags>): Promise<string> {
  const out = join(scratch, name);
  const request = parseRecordFlags({
    out,
    lab: true,
    workload: 'udp-stream',
    rate: '2000',
    duration: '3',
    ...flags,
  });
  await recordRun(request, { notice: () => undefined });
  return out;
}

const MAIN_STAGES = [
  'nic_rx>outer_rcv',
  'outer_rcv>inner_rcv',
  'inner_rcv>veth_xmit',
  'veth_xmit>backlog',
  'backlog>container_rcv',
  'container_rcv>sock_ready',
];

function p50(report: RunReport, name: string): number {
  const stage = report.stages.find((s) => s.name === name);
  assert.ok(stage, `stage ${name} in ${report.source}`);
  return stage.latency.p50Ns;
}

/** The stages the receive checkpoint set measures: every stage of the path, merged. */
const RECEIVE_STAGES = [
  'outer_rcv>inner_rcv',
  'inner_rcv>container_rcv',
  'container_rcv>sock_ready',
];

/** Each stage median of `a` is between `low` and `high` times `b`'s. */
function assertMediansWithin(
  a: RunReport,
  b: RunReport,
  names: string[],
  [low, high]: [number, number],
): void {
  const pairs = names.map((name) => ({ name, a: p50(a, name), b: p50(b, name) }));
  const shown = pairs.map((p) => `${p.name} ${p.a}/${p.b}`).join(', ');
  for (const p of pairs) {
    assert.ok(
      p.a >= low * p.b && p.a <= high * p.b,
      `${p.name}: ${a.source} against ${b.source} outside ${low}..${high} (${shown})`,
    );
  }
}

/** Every datagram of the stream (2000/s for 3 s, plus iperf3's control traffic) is counted. */
function assertEveryPacketCounted(report: RunReport): void {
  const sent = 2000 * 3;
  const count = report.stages.find((s) => s.name === 'outer_rcv>inner_rcv')?.latency.count ?? 0;
  assert.ok(
    count >= 0.9 * sent && count <= 1.2 * sent,
    `${report.source}: the kernel counts every datagram: ${count} intervals for ${sent} sent`,
  );
}

test(
  'aggregate mode (root, live lab): every packet counted, medians agree with events mode',
  { skip },
  async () => {
    assertLiveReady(missing);
    const receiveDir = await recordLab('native-receive', {});
    const allDir = await recordLab('native-all', { checkpoints: 'all' });
    const bpftraceDir = await recordLab('bpftrace', { tracer: 'bpftrace' });
    const nativeEvDir = await recordLab('native-events', { mode: 'events' });
    const evDir = await recordLab('events', { mode: 'events', tracer: 'bpftrace' });

    const text = await readFile(join(receiveDir, 'aggregates', 'stages.txt'), 'utf8');
    const hist = parseStageHistograms(text, 'stages.txt', createIngestCounters());
    const receive = (await analyseRun(receiveDir)).report;
    const all = (await analyseRun(allDir)).report;
    const viaBpftrace = (await analyseRun(bpftraceDir)).report;
    const ev = (await analyseRun(evDir)).report;
    for (const r of [receive, all, viaBpftrace]) {
      assert.equal(r.stageSource, 'kernel-histograms', r.source);
      assert.equal(r.ingest.lostEvents, 0, r.source);
      assertEveryPacketCounted(r);
    }
    // The bpftrace events run may lose a few under load; its losses are counted, not a failure.
    assert.ok(ev.stages.length > 0, 'the events run saw the stream too');

    // Native events mode: every packet printed on every checkpoint, histograms kept as well.
    const nativeEv = (await analyseRun(nativeEvDir)).report;
    const evHist = parseStageHistograms(
      await readFile(join(nativeEvDir, 'aggregates', 'stages.txt'), 'utf8'),
      'stages.txt',
      createIngestCounters(),
    );
    assert.equal(nativeEv.ingest.lostEvents, 0);
    assert.equal(evHist.sampled, evHist.packets, 'every packet printed');
    assertEveryPacketCounted(nativeEv);
    assert.ok(nativeEv.packets.total >= 0.9 * 2000 * 3, `${nativeEv.packets.total} timelines`);
    assert.ok(
      nativeEv.packets.completeness >= 0.9,
      `completeness ${nativeEv.packets.completeness}`,
    );

    // The loader attached what the manifest's probe plan lists.
    for (const [dir, set] of [
      [receiveDir, 'receive'],
      [allDir, 'all'],
    ] as const) {
      const stderr = await readFile(join(dir, 'raw', 'bpftrace.stderr.log'), 'utf8');
      assert.match(stderr, new RegExp(`^Attaching ${NATIVE_POINTS[set].length} probes`, 'm'));
    }

    // The default probes the receive path only: its stages span the points it leaves out,
    // and no stage reaches a checkpoint it does not probe.
    const receiveStages = receive.stages.map((s) => s.name);
    for (const name of RECEIVE_STAGES) assert.ok(receiveStages.includes(name), name);
    const probed = new Set([
      'outer_rcv',
      'inner_rcv',
      'container_rcv',
      'sock_ready',
      'app_read',
      'freed',
    ]);
    for (const s of receive.stages) assert.ok(probed.has(s.from) && probed.has(s.to), s.name);
    // About 1 in 64 sampled as timelines, printed by the native loader in bpftrace's format,
    // and complete on the checkpoints the receive set probes.
    assert.ok(
      hist.sampled > 0 && hist.sampled < hist.packets / 20,
      `${hist.sampled} of ${hist.packets}`,
    );
    assert.ok(receive.packets.total > 0 && receive.packets.total <= hist.sampled * 1.1);
    assert.ok(receive.packets.completeness >= 0.9, `completeness ${receive.packets.completeness}`);

    // Events mode prints every event from inside the path it measures, and a stage can hold
    // several printed events (non-hop ones too): measured here its medians run 1 to 3 us above
    // aggregate mode's (e.g. outer_rcv>inner_rcv 2.1 us against 5.4 us). The two cannot agree
    // within 10%; what must hold is that an aggregate recording never reads higher (beyond 10%).
    // The native program is the cheaper of the two aggregate programs, so it can read far
    // lower (veth_xmit>backlog 132 ns natively, 1.4 us in events mode). Runs taken one after
    // the other on a busy machine differ by tens of percent, hence the wide bands.
    assertMediansWithin(all, ev, MAIN_STAGES, [0, 1.1]);
    assertMediansWithin(nativeEv, ev, MAIN_STAGES, [0, 1.1]);
    assertMediansWithin(viaBpftrace, ev, MAIN_STAGES, [0.2, 1.1]);
    assertMediansWithin(all, viaBpftrace, MAIN_STAGES, [0.2, 2]);
    assertMediansWithin(
      receive,
      all,
      ['outer_rcv>inner_rcv', 'container_rcv>sock_ready'],
      [0.5, 2],
    );
  },
);
