/**
 * Live, needs root, iproute2, bpftrace and iperf3: records the lab overlay in aggregate mode (the
 * default) and then the same workload in events mode, and checks that the in-kernel histograms
 * count every packet and agree with the per-event timelines on the main stages' medians.
 * One lab for the file, under the lab lock (holdLab), torn down at the end.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRecordFlags } from '../../src/record/parse-record-flags.js';
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

const missing = await findMissingForLive(['ip', 'bpftrace', 'iperf3']);
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
async function recordLab(name: string, mode: 'aggregate' | 'events'): Promise<string> {
  const out = join(scratch, name);
  const request = parseRecordFlags({
    out,
    lab: true,
    mode,
    workload: 'udp-stream',
    rate: '2000',
    duration: '3',
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

test(
  'aggregate mode (root, live lab): every packet counted, medians agree with events mode',
  { skip },
  async () => {
    assertLiveReady(missing);
    const aggDir = await recordLab('aggregate', 'aggregate');
    const evDir = await recordLab('events', 'events');

    const text = await readFile(join(aggDir, 'aggregates', 'stages.txt'), 'utf8');
    const hist = parseStageHistograms(text, 'stages.txt', createIngestCounters());
    const agg = (await analyseRun(aggDir)).report;
    const ev = (await analyseRun(evDir)).report;
    assert.equal(agg.stageSource, 'kernel-histograms');
    assert.equal(agg.ingest.lostEvents, 0);
    // The events run may lose a few under load; its losses are counted, not a failure here.

    // Every packet of the stream (about 6000, plus iperf3's control traffic) walks the stages.
    const count = (r: RunReport): number =>
      r.stages.find((s) => s.name === 'outer_rcv>inner_rcv')?.latency.count ?? 0;
    // Compared with what the workload sent, not with the events run: that run can drop
    // events under load (counted as lost), which is not what this test is about.
    const sent = 2000 * 3;
    assert.ok(
      count(agg) >= 0.9 * sent && count(agg) <= 1.2 * sent,
      `the kernel counts every datagram: ${count(agg)} intervals for ${sent} sent`,
    );
    assert.ok(count(ev) > 0, 'the events run saw the stream too');
    // About 1 in 64 sampled as timelines.
    assert.ok(
      hist.sampled > 0 && hist.sampled < hist.packets / 20,
      `${hist.sampled} of ${hist.packets}`,
    );
    assert.ok(agg.packets.total > 0 && agg.packets.total <= hist.sampled * 1.1);

    // Events mode prints every event from inside the path it measures, and a stage can hold
    // several printed events (non-hop ones too): measured here its medians run 1 to 3 us above
    // aggregate mode's (e.g. outer_rcv>inner_rcv 2.1 us against 5.4 us). The two cannot agree
    // within 10%; what must hold is that the cheaper recording never reads higher (beyond 10%)
    // and stays within the same order of magnitude.
    const pairs = MAIN_STAGES.map((name) => ({ name, agg: p50(agg, name), ev: p50(ev, name) }));
    const shown = pairs.map((p) => `${p.name} ${p.agg}/${p.ev}`).join(', ');
    for (const p of pairs) {
      assert.ok(p.agg <= 1.1 * p.ev, `${p.name} aggregate above events (${shown})`);
      assert.ok(p.agg >= 0.2 * p.ev, `${p.name} aggregate far below events (${shown})`);
    }
  },
);
