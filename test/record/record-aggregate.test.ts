/**
 * Aggregate mode (the default): flags to plan (the aggregate program and its parameters, the
 * manifest's aggregates entry), and a recording against a fake bpftrace that prints the exit dump
 * after its events, read back by the report pipeline; then the same through a fake native loader
 * that writes the events file itself, on the descriptor the recorder hands it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGGREGATE_SCRIPT, buildRecordPlan } from '../../src/record/build-record-plan.js';
import { parseRecordFlags } from '../../src/record/parse-record-flags.js';
import { prepareRunFolder } from '../../src/record/prepare-run-folder.js';
import type { RecordCost } from '../../src/record/record-cost.js';
import type { RecordPlan } from '../../src/record/record-plan.js';
import { runRecording } from '../../src/record/run-recording.js';
import { analyseRun } from '../../src/pipeline/analyse-run.js';
import { fakeBin } from '../tools/fake-bin.js';
import { FACTS } from './record-fixtures.js';

const LAB_DEVS = [
  'ulA=underlay',
  'ulB=underlay',
  'vxlan0=vxlan',
  'br0=bridge',
  'veth-c=host-veth',
  'eth0=container',
];

test('mode: aggregate by default, events when a flag needs printed events', () => {
  const base = { out: 'r', dev: LAB_DEVS };
  const r = parseRecordFlags(base);
  assert.equal(r.mode, 'aggregate');
  assert.deepEqual(r.sampling, { oneIn: 64, unit: 'packet' });
  assert.equal(parseRecordFlags({ ...base, sample: '8' }).sampling.oneIn, 8);
  assert.equal(parseRecordFlags({ ...base, dport: '5201' }).mode, 'events');
  assert.equal(parseRecordFlags({ ...base, packets: '10' }).mode, 'events');
  assert.equal(parseRecordFlags({ ...base, mode: 'events' }).sampling.oneIn, 1);
  assert.throws(
    () => parseRecordFlags({ ...base, mode: 'aggregate', dport: '1' }),
    /^Error|--mode/,
  );
  assert.throws(() => parseRecordFlags({ ...base, mode: 'fast' }), /--mode/);
});

test('aggregate plan: the aggregate program, numbers then device names by role', () => {
  const plan = buildRecordPlan({
    request: parseRecordFlags({ out: 'runs/a', dev: LAB_DEVS }),
    facts: { ...FACTS, netnsInode: 77 },
    startedAt: '2025-01-01T00:00:00.000Z',
    labWorkload: null,
  });
  assert.deepEqual(plan.tracer.args, [
    '-B',
    'line',
    AGGREGATE_SCRIPT,
    '4026531833',
    '77',
    '64',
    '0',
    'ulA',
    'ulB',
    'vxlan0',
    'veth-c',
    'eth0',
  ]);
  assert.ok(AGGREGATE_SCRIPT.endsWith('/bpftrace/econ-trace-aggregate.bt'));
  assert.deepEqual(plan.manifest.aggregates, {
    file: 'aggregates/stages.txt',
    format: 'bpftrace-stage-hist',
    relativeError: 1 / 32,
  });
  assert.equal(plan.aggregatesFile, join('runs/a', 'aggregates/stages.txt'));
});

/** A half-second aggregate recording into `dir`, planned with the fake aggregate bpftrace. */
async function planFakeAggregateRun(dir: string): Promise<RecordPlan> {
  await prepareRunFolder(dir, false, false, true);
  return buildRecordPlan({
    request: parseRecordFlags({ out: dir, dev: LAB_DEVS, duration: '0.5' }),
    facts: FACTS,
    startedAt: new Date().toISOString(),
    labWorkload: null,
    bpftrace: fakeBin('fake-bpftrace-aggregate'),
  });
}

test('aggregate recording: exit dump split into aggregates/, cost printed, report uses it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'econ-record-agg-'));
  try {
    const plan = await planFakeAggregateRun(dir);
    let cost: RecordCost | null = null;
    const manifest = await runRecording(plan, {
      listenForStop: () => () => undefined,
      tailMs: 10,
      onCost: (c) => (cost = c),
    });
    assert.equal(manifest.status, 'complete');
    const csv = await readFile(join(dir, 'events', 'packets.csv'), 'utf8');
    assert.doesNotMatch(csv, /aggregates|@stage/);
    assert.equal(csv.trimEnd().split('\n').length, 5);
    const agg = await readFile(join(dir, 'aggregates', 'stages.txt'), 'utf8');
    assert.match(agg, /^=== econ-trace aggregates v1 ===\n@starts\[5\]: 3\n/);
    const c = cost as RecordCost | null;
    assert.equal(c?.packetsAggregated, 3);
    assert.equal(c?.packetsSampled, 1);
    assert.equal(c?.stagesAggregated, 6);
    assert.equal(c?.eventsPrinted, 3);
    assert.equal(c?.lostEvents, 0);

    const { report } = await analyseRun(dir);
    assert.equal(report.stageSource, 'kernel-histograms');
    assert.equal(report.relativeError, 1 / 32);
    const names = report.stages.map((s) => `${s.name}:${s.latency.count}`);
    assert.deepEqual(names, ['outer_rcv>inner_rcv:3', 'inner_rcv>veth_xmit:3']);
    // Buckets 152 ([6144, 6400): midpoint 6272) twice and 153 ([6400, 6656)) once.
    assert.equal(report.stages[0]?.latency.p50Ns, 6272);
    assert.equal(report.stages[0]?.latency.maxNs, 6528);
    assert.equal(report.stages[1]?.latency.p50Ns, 66);
    // The sampled timeline still gives packets and end-to-end.
    assert.equal(report.packets.total, 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a tracer writing fd 3: events file written by it, aggregates from stdout, counts from stderr', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'econ-record-fd3-'));
  try {
    const plan = await planFakeAggregateRun(dir);
    const tracer = {
      ...plan.tracer,
      name: 'the native recorder',
      command: fakeBin('fake-native-fd3'),
      args: [],
      eventsOnFd3: true,
    };
    let cost: RecordCost | null = null;
    const manifest = await runRecording(
      { ...plan, tracer },
      { listenForStop: () => () => undefined, tailMs: 10, onCost: (c) => (cost = c) },
    );
    assert.equal(manifest.status, 'complete', manifest.statusReason);
    const csv = await readFile(join(dir, 'events', 'packets.csv'), 'utf8');
    assert.equal(csv.trimEnd().split('\n').length, 4, 'header and three events, nothing else');
    assert.match(csv, /^ts_ns,cpu,point,/);
    const agg = await readFile(join(dir, 'aggregates', 'stages.txt'), 'utf8');
    assert.match(agg, /^=== econ-trace aggregates v1 ===\n@starts\[5\]: 3\n/);
    const c = cost as RecordCost | null;
    assert.equal(c?.eventsPrinted, 3, 'from the progress line');
    assert.equal(c?.packetsAggregated, 3);
    const { report } = await analyseRun(dir);
    assert.equal(report.stageSource, 'kernel-histograms');
    assert.equal(report.packets.total, 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
