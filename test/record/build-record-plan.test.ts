import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildRecordPlan,
  buildTracepointParams,
  TRACEPOINT_SCRIPT,
} from '../../src/record/build-record-plan.js';
import type { WorkloadPlan } from '../../src/lab/index.js';
import { FACTS, request } from './record-fixtures.js';

const STARTED = '2025-01-01T00:00:00.000Z';

test('tracepoint params: excluded netns, filters, sampling, kept netns, in script order', () => {
  const r = request({
    saddr: '10.233.1.2',
    dport: '5201',
    proto: 'udp',
    sample: '10',
    sampleBy: 'flow',
  });
  assert.deepEqual(
    buildTracepointParams(r, { ...FACTS, netnsInode: 4026532000 }),
    [4026531833, 183042306, 0, 0, 5201, 17, 10, 1, 4026532000],
  );
  // Sampling 1 in 1 is "every packet": 0 to the script, whatever the unit.
  assert.deepEqual(buildTracepointParams(request(), FACTS), [4026531833, 0, 0, 0, 0, 0, 0, 0, 0]);
});

test('tracepoint plan: bpftrace argv is the script and numbers only', () => {
  const plan = buildRecordPlan({
    request: request({ sport: '4000' }),
    facts: FACTS,
    startedAt: STARTED,
    labWorkload: null,
  });
  assert.equal(plan.tracer.command, 'bpftrace');
  assert.deepEqual(plan.tracer.args, [
    '-B',
    'line',
    TRACEPOINT_SCRIPT,
    '4026531833',
    '0',
    '0',
    '4000',
    '0',
    '0',
    '0',
    '0',
    '0',
  ]);
  assert.ok(TRACEPOINT_SCRIPT.endsWith('/bpftrace/econ-trace-tracepoints.bt'));
  assert.deepEqual(plan.tracer.env, { BPFTRACE_MAP_KEYS_MAX: '65536' });
  assert.equal(plan.tracer.compose, null);
  for (const arg of plan.tracer.args.slice(3)) assert.match(arg, /^\d+$/);
  assert.deepEqual(plan.manifest.recorder.commands[0], [
    'env',
    'BPFTRACE_MAP_KEYS_MAX=65536',
    'bpftrace',
    ...plan.tracer.args,
  ]);
});

test('start manifest: partial, recording, every tracepoint with its probe, devices, sampling', () => {
  const plan = buildRecordPlan({
    request: request({ dev: ['ulB=underlay', 'vxlan0=vxlan'], sample: '4' }),
    facts: FACTS,
    startedAt: STARTED,
    labWorkload: null,
  });
  const m = plan.manifest;
  assert.equal(m.status, 'partial');
  assert.equal(m.statusReason, 'recording');
  assert.equal(m.endedAt, null);
  assert.equal(m.startedAt, STARTED);
  assert.equal(m.label, 'vanilla 6.18.44 overlay');
  assert.deepEqual(m.kernel, {
    release: '6.18.44-fc-v857',
    version: '#1 SMP PREEMPT_DYNAMIC @0',
    econ: false,
    econEnabled: false,
  });
  assert.equal(m.hostname, 'vm');
  assert.deepEqual(m.recorder.name, 'econ-trace record');
  assert.equal(m.recorder.version, '0.1.0 (bpftrace v0.17.0)');
  assert.deepEqual(m.events, [{ file: 'events/packets.csv', format: 'bpftrace-csv' }]);
  assert.equal(m.clockSource, 'CLOCK_MONOTONIC (bpftrace nsecs)');
  assert.deepEqual(m.sampling, { oneIn: 4, unit: 'packet' });
  assert.deepEqual(m.devices, [
    { name: 'ulB', role: 'underlay' },
    { name: 'vxlan0', role: 'vxlan' },
  ]);
  assert.deepEqual(
    m.probePlan.map((p) => `${p.point} ${p.mechanism} ${p.probe}`),
    [
      'napi_gro_receive_entry tracepoint tracepoint:net:napi_gro_receive_entry',
      'netif_receive_skb tracepoint tracepoint:net:netif_receive_skb',
      'netif_rx tracepoint tracepoint:net:netif_rx',
      'net_dev_start_xmit tracepoint tracepoint:net:net_dev_start_xmit',
      'sk_data_ready tracepoint tracepoint:sock:sk_data_ready',
      'skb_copy_datagram_iovec tracepoint tracepoint:skb:skb_copy_datagram_iovec',
      'consume_skb tracepoint tracepoint:skb:consume_skb',
      'kfree_skb tracepoint tracepoint:skb:kfree_skb',
    ],
  );
  assert.deepEqual(plan.packetDevices, ['ulB']);
  assert.equal(plan.perf, null);
});

test('forced fentry: composed program in raw/, netns only, function probes in the plan', () => {
  const facts = {
    ...FACTS,
    econ: true,
    bpftraceVersion: { major: 0, minor: 21, patch: 0, text: 'v0.21.0' },
  };
  const plan = buildRecordPlan({
    request: request({ probes: 'fentry', label: 'econ run' }),
    facts,
    startedAt: STARTED,
    labWorkload: null,
  });
  assert.deepEqual(plan.tracer.args, [
    '-B',
    'line',
    'runs/r1/raw/econ-trace-fentry.bt',
    '4026531833',
  ]);
  assert.deepEqual(plan.tracer.compose, {
    mechanism: 'fentry',
    spelling: 'fentry',
    econ: true,
    programFile: 'runs/r1/raw/econ-trace-fentry.bt',
  });
  assert.equal(plan.manifest.label, 'econ run');
  assert.ok(plan.manifest.probePlan.every((p) => p.mechanism === 'fentry'));
  assert.deepEqual(
    plan.manifest.probePlan.slice(0, 2).map((p) => p.probe),
    ['fentry:netif_receive_skb', 'fentry:udp_rcv'],
  );
  assert.ok(
    plan.manifest.probePlan.some(
      (p) => p.point === 'econ_rx' && p.probe === 'fentry:econ_rx,fexit:econ_rx',
    ),
  );
});

test('forced kprobe on a vanilla kernel: kprobes, no ECON points, kfunc spelling irrelevant', () => {
  const plan = buildRecordPlan({
    request: request({ probes: 'kprobe' }),
    facts: FACTS,
    startedAt: STARTED,
    labWorkload: null,
  });
  assert.deepEqual(
    plan.manifest.probePlan.map((p) => p.probe),
    ['kprobe:netif_receive_skb', 'kprobe:udp_rcv', 'kprobe:vxlan_rcv', 'kprobe:tcp_v4_rcv'],
  );
  assert.equal(plan.tracer.compose?.econ, false);
});

test('workload command, lab workload and perf land in the manifest commands', () => {
  const lab: WorkloadPlan = {
    kind: 'udp-rr',
    tool: 'sockperf',
    serverNs: 'etlab-ctrB',
    clientNs: 'etlab-ctrA',
    serverAddr: '10.233.2.2',
    port: 11111,
    server: ['ip', 'netns', 'exec', 'etlab-ctrB', 'sockperf', 'server'],
    readiness: ['ss'],
    client: ['ip', 'netns', 'exec', 'etlab-ctrA', 'sockperf', 'ping-pong'],
  };
  const facts = { ...FACTS, perfVersion: { major: 6, minor: 1, patch: 192, text: '6.1.192' } };
  const withLab = buildRecordPlan({
    request: request({ cpu: true, cpuFreq: '49' }),
    facts,
    startedAt: STARTED,
    labWorkload: lab,
    perf: '/usr/bin/perf',
  });
  assert.deepEqual(withLab.perf, {
    record: ['/usr/bin/perf', 'record', '-a', '-g', '-F', '49', '-o', 'runs/r1/raw/perf.data'],
    script: ['/usr/bin/perf', 'script', '-i', 'runs/r1/raw/perf.data'],
    dataFile: 'runs/r1/raw/perf.data',
  });
  assert.equal(withLab.manifest.recorder.version, '0.1.0 (bpftrace v0.17.0, perf 6.1.192)');
  assert.deepEqual(withLab.manifest.recorder.commands.slice(1), [
    lab.server,
    lab.client,
    withLab.perf?.record,
    withLab.perf?.script,
  ]);
  const withCommand = buildRecordPlan({
    request: request({ command: ['iperf3', '-c', '10.0.0.2'] }),
    facts: FACTS,
    startedAt: STARTED,
    labWorkload: null,
  });
  assert.deepEqual(withCommand.command, ['iperf3', '-c', '10.0.0.2']);
  assert.deepEqual(withCommand.manifest.recorder.commands.slice(1), [['iperf3', '-c', '10.0.0.2']]);
});
