/**
 * The native recorder in the plan: --tracer and --checkpoints parsing, the loader's argv
 * (object, the .bt program's positional parameters, the checkpoint set) in both modes, the probe
 * plan and what the report then expects, and the choice between native and bpftrace when the
 * request needs bpftrace or the native recorder cannot be built.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRecordPlan, NATIVE_POINTS } from '../../src/record/build-record-plan.js';
import { parseRecordFlags } from '../../src/record/parse-record-flags.js';
import { pickNativeRecorder } from '../../src/record/pick-native-recorder.js';
import { expectedCheckpoints } from '../../src/join/expected-checkpoints.js';
import type { NativeRecorder } from '../../src/tools/build-native-recorder.js';
import { FACTS } from './record-fixtures.js';

const LAB_DEVS = ['ulB=underlay', 'vxlan0=vxlan', 'veth-c=host-veth', 'eth0=container'];
const NATIVE: NativeRecorder = { loader: '/b/econ-trace-aggregate', object: '/b/agg.bpf.o' };
const base = { out: 'runs/n', dev: LAB_DEVS };

function plan(flags: Record<string, string> = {}, native: NativeRecorder | null = NATIVE) {
  return buildRecordPlan({
    request: parseRecordFlags({ ...base, ...flags }),
    facts: { ...FACTS, netnsInode: 77 },
    startedAt: '2025-01-01T00:00:00.000Z',
    labWorkload: null,
    native,
  });
}

test('flags: --tracer and --checkpoints; bpftrace wherever native cannot do the request', () => {
  assert.equal(parseRecordFlags(base).tracer, null);
  assert.equal(parseRecordFlags(base).checkpoints, null);
  assert.equal(parseRecordFlags({ ...base, mode: 'events' }).tracer, null);
  assert.equal(parseRecordFlags({ ...base, mode: 'events', tracer: 'native' }).tracer, 'native');
  assert.equal(parseRecordFlags({ ...base, tracer: 'bpftrace' }).tracer, 'bpftrace');
  assert.equal(parseRecordFlags({ ...base, checkpoints: 'all' }).checkpoints, 'all');
  assert.throws(() => parseRecordFlags({ ...base, tracer: 'perf' }), /--tracer/);
  assert.throws(() => parseRecordFlags({ ...base, checkpoints: 'some' }), /--checkpoints/);
  // Filters, --packets, flow sampling and forced probes are the bpftrace programs' alone.
  for (const flags of [
    { dport: '5201' },
    { packets: '10' },
    { sample: '4', sampleBy: 'flow' },
    { mode: 'events', probes: 'tracepoint' },
  ]) {
    assert.equal(parseRecordFlags({ ...base, ...flags }).tracer, 'bpftrace');
    assert.throws(() => parseRecordFlags({ ...base, ...flags, tracer: 'native' }), /--tracer/);
  }
  // The bpftrace programs always probe every point: asking for a set is refused, not ignored.
  assert.throws(
    () => parseRecordFlags({ ...base, tracer: 'bpftrace', checkpoints: 'receive' }),
    /--checkpoints/,
  );
  assert.throws(
    () => parseRecordFlags({ ...base, dport: '1', checkpoints: 'all' }),
    /--checkpoints/,
  );
});

test('native plan: loader argv is the object, numbers, device names and the checkpoint set', () => {
  const p = plan();
  assert.equal(p.tracer.command, NATIVE.loader);
  assert.deepEqual(p.tracer.args, [
    NATIVE.object,
    '4026531833',
    '77',
    '64',
    '0',
    'ulB',
    '-',
    'vxlan0',
    'veth-c',
    'eth0',
    'receive',
  ]);
  assert.deepEqual(p.tracer.env, {});
  assert.deepEqual(p.manifest.recorder.commands[0], [NATIVE.loader, ...p.tracer.args]);
  assert.equal(p.manifest.clockSource, 'CLOCK_MONOTONIC (bpf_ktime_get_ns)');
  assert.match(p.manifest.recorder.version, /native recorder/);
  assert.equal(p.manifest.aggregates?.format, 'bpftrace-stage-hist');
  assert.equal(plan({ checkpoints: 'all' }).tracer.args.at(-1), 'all');
});

test('native probe plan: raw tracepoints, and only the probed checkpoints are expected', () => {
  const receive = plan().manifest.probePlan;
  assert.deepEqual(
    receive.map((e) => e.point),
    [...NATIVE_POINTS.receive],
  );
  for (const e of receive) {
    assert.equal(e.mechanism, 'raw-tracepoint');
    assert.equal(e.probe, `tp_btf/${e.point}`);
  }
  // Without netif_rx, net_dev_start_xmit and the NAPI probe, their checkpoints cannot be missing.
  assert.deepEqual(expectedCheckpoints('overlay', receive, null), [
    'outer_rcv',
    'inner_rcv',
    'container_rcv',
    'sock_ready',
  ]);
  const all = plan({ checkpoints: 'all' }).manifest.probePlan;
  assert.ok(expectedCheckpoints('overlay', all, null).includes('veth_xmit'));
  assert.ok(expectedCheckpoints('overlay', all, null).includes('backlog'));
});

test('native events mode: every packet on every checkpoint, histograms kept as well', () => {
  const p = plan({ mode: 'events' });
  assert.equal(p.tracer.command, NATIVE.loader);
  // Sample 1 in 1, all points.
  assert.deepEqual(p.tracer.args.slice(3, 4), ['1']);
  assert.equal(p.tracer.args.at(-1), 'all');
  assert.equal(p.manifest.aggregates?.file, 'aggregates/stages.txt');
  assert.equal(p.aggregatesFile, 'runs/n/aggregates/stages.txt');
  assert.equal(plan({ mode: 'events', sample: '16' }).tracer.args[3], '16');
  assert.equal(plan({ mode: 'events', checkpoints: 'receive' }).tracer.args.at(-1), 'receive');
});

test('--tracer bpftrace, or a request only bpftrace does, ignores a native recorder', () => {
  assert.equal(plan({ tracer: 'bpftrace' }).tracer.command, 'bpftrace');
  assert.equal(plan({ mode: 'events', dport: '5201' }).tracer.command, 'bpftrace');
  assert.equal(plan({ mode: 'events', dport: '5201' }).manifest.aggregates, undefined);
  assert.equal(plan({}, null).tracer.command, 'bpftrace');
});

test('pick: native when it builds; bpftrace with a notice when it cannot, unless asked for', async () => {
  const missing = async () => ({ reason: 'clang is not installed', fix: 'apt-get install clang' });
  const built = async () => NATIVE;
  const notices: string[] = [];
  const notice = (line: string): void => void notices.push(line);
  const req = (flags: Record<string, string> = {}) => parseRecordFlags({ ...base, ...flags });

  assert.equal(await pickNativeRecorder(req(), notice, built), NATIVE);
  assert.equal(await pickNativeRecorder(req({ tracer: 'bpftrace' }), notice, built), null);
  assert.equal(await pickNativeRecorder(req({ mode: 'events' }), notice, built), NATIVE);
  assert.equal(await pickNativeRecorder(req({ dport: '1' }), notice, built), null);
  assert.deepEqual(notices, []);

  assert.equal(await pickNativeRecorder(req(), notice, missing), null);
  assert.equal(notices.length, 1);
  assert.match(notices[0] ?? '', /clang is not installed.*bpftrace.*apt-get install clang/);

  await assert.rejects(
    pickNativeRecorder(req({ tracer: 'native' }), notice, missing),
    /native recorder cannot be built here: clang is not installed/,
  );
  await assert.rejects(
    pickNativeRecorder(req({ checkpoints: 'all' }), notice, missing),
    /--tracer bpftrace|cannot be built/,
  );
});
