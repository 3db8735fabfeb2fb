/**
 * The native aggregate recorder in the plan: --tracer and --checkpoints parsing, the loader's
 * argv (object, the .bt program's positional parameters, the checkpoint set), the probe plan and
 * what the report then expects, and the choice between native and bpftrace when the native
 * recorder cannot be built.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRecordPlan, NATIVE_POINTS } from '../../src/record/build-record-plan.js';
import { parseRecordFlags } from '../../src/record/parse-record-flags.js';
import { pickAggregateTracer } from '../../src/record/pick-aggregate-tracer.js';
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

test('flags: --tracer and --checkpoints belong to aggregate mode', () => {
  assert.equal(parseRecordFlags(base).tracer, null);
  assert.equal(parseRecordFlags(base).checkpoints, null);
  assert.equal(parseRecordFlags({ ...base, tracer: 'bpftrace' }).tracer, 'bpftrace');
  assert.equal(parseRecordFlags({ ...base, checkpoints: 'all' }).checkpoints, 'all');
  assert.throws(() => parseRecordFlags({ ...base, tracer: 'perf' }), /--tracer/);
  assert.throws(() => parseRecordFlags({ ...base, mode: 'events', tracer: 'native' }), /--tracer/);
  assert.throws(() => parseRecordFlags({ ...base, checkpoints: 'some' }), /--checkpoints/);
  // The bpftrace programs always probe every point: asking for fewer is refused, not ignored.
  assert.throws(
    () => parseRecordFlags({ ...base, tracer: 'bpftrace', checkpoints: 'receive' }),
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

test('events mode and --tracer bpftrace ignore a native recorder', () => {
  assert.equal(plan({ mode: 'events' }).tracer.command, 'bpftrace');
  assert.equal(plan({ tracer: 'bpftrace' }).tracer.command, 'bpftrace');
  assert.equal(plan({}, null).tracer.command, 'bpftrace');
});

test('pick: native when it builds; bpftrace with a notice when it cannot, unless asked for', async () => {
  const missing = async () => ({ reason: 'clang is not installed', fix: 'apt-get install clang' });
  const built = async () => NATIVE;
  const notices: string[] = [];
  const notice = (line: string): void => void notices.push(line);
  const req = (flags: Record<string, string> = {}) => parseRecordFlags({ ...base, ...flags });

  assert.equal(await pickAggregateTracer(req(), notice, built), NATIVE);
  assert.equal(await pickAggregateTracer(req({ tracer: 'bpftrace' }), notice, built), null);
  assert.equal(await pickAggregateTracer(req({ mode: 'events' }), notice, built), null);
  assert.deepEqual(notices, []);

  assert.equal(await pickAggregateTracer(req(), notice, missing), null);
  assert.equal(notices.length, 1);
  assert.match(notices[0] ?? '', /clang is not installed.*bpftrace.*apt-get install clang/);

  await assert.rejects(
    pickAggregateTracer(req({ tracer: 'native' }), notice, missing),
    /native recorder cannot be built here: clang is not installed/,
  );
  await assert.rejects(
    pickAggregateTracer(req({ checkpoints: 'receive' }), notice, missing),
    /--tracer bpftrace|cannot be built/,
  );
});
