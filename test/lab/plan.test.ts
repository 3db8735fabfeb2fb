/**
 * The lab as data: the up plan for default and custom subnets (golden argv lists), the teardown
 * plan's restraint to etlab- names, device roles, status judgement and workload argv.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_LAB_CONFIG,
  LabError,
  buildLabUpPlan,
  buildTeardownPlan,
  buildWorkloadPlan,
  chooseWorkloadTool,
  labDevices,
  resolveLabAddresses,
  type LabConfig,
} from '../../src/lab/index.js';
import { parseNetnsList, parsePidList } from '../../src/lab/build-teardown-plan.js';
import { assertGolden } from '../support/assert-golden.js';

const CUSTOM: LabConfig = {
  ...DEFAULT_LAB_CONFIG,
  underlaySubnet: '10.99.7.0/24',
  overlaySubnet: '172.20.0.0/16',
  vni: 7,
};
const BUILTIN = ['/usr/bin/node', '/opt/econ-trace/builtin-workload-main.js'];

const showPlan = (plan: string[][]): string => plan.map((argv) => argv.join(' ')).join('\n') + '\n';

test('default lab plan: ECON subnets, VNI 42, port 4789, MTU 1450', () => {
  const plan = buildLabUpPlan(DEFAULT_LAB_CONFIG);
  assertGolden('lab/lab-up-default.txt', showPlan(plan));
  const text = showPlan(plan);
  assert.match(text, /^ip -n etlab-hostA addr add 192\.168\.0\.1\/24 dev ulA$/m);
  assert.match(text, /^ip -n etlab-hostB addr add 192\.168\.0\.2\/24 dev ulB$/m);
  assert.match(text, /^ip -n etlab-ctrA addr add 10\.233\.1\.2\/16 dev eth0$/m);
  assert.match(text, /^ip -n etlab-ctrB addr add 10\.233\.2\.2\/16 dev eth0$/m);
  assert.match(
    text,
    /vxlan id 42 dstport 4789 local 192\.168\.0\.1 remote 192\.168\.0\.2 dev ulA$/m,
  );
});

test('custom subnets move every address, and nothing else', () => {
  const plan = buildLabUpPlan(CUSTOM);
  assertGolden('lab/lab-up-custom.txt', showPlan(plan));
  assert.deepEqual(resolveLabAddresses(CUSTOM), {
    hostA: '10.99.7.1',
    hostB: '10.99.7.2',
    underlayPrefix: 24,
    ctrA: '172.20.1.2',
    ctrB: '172.20.2.2',
    overlayPrefix: 16,
  });
  assert.equal(plan.length, buildLabUpPlan(DEFAULT_LAB_CONFIG).length);
  assert.doesNotMatch(showPlan(plan), /192\.168|10\.233/);
});

test('every command of the up plan acts inside a lab namespace, never on the machine', () => {
  for (const argv of buildLabUpPlan(DEFAULT_LAB_CONFIG)) {
    const inLabNs = argv[1] === '-n' && argv[2]?.startsWith('etlab-');
    const addsLabNs = argv[1] === 'netns' && argv[2] === 'add' && argv[3]?.startsWith('etlab-');
    assert.equal(argv[0], 'ip');
    assert.ok(inLabNs || addsLabNs, argv.join(' '));
    // A peer or a moved device lands in a lab namespace too.
    const netnsAt = argv.indexOf('netns', 2);
    if (netnsAt > 0) assert.match(argv[netnsAt + 1] ?? '', /^etlab-/);
  }
});

test('configs that cannot hold the lab are refused with a one-line LabError', () => {
  const bad: Partial<LabConfig>[] = [
    { overlaySubnet: '10.233.0.0/24' },
    { underlaySubnet: '192.168.0.0/31' },
    { underlaySubnet: '192.168.300.0/24' },
    { overlaySubnet: 'fd00::/64' },
    { vni: 0 },
    { overlayMtu: 9000 },
  ];
  for (const change of bad) {
    assert.throws(
      () => buildLabUpPlan({ ...DEFAULT_LAB_CONFIG, ...change }),
      (err: unknown) =>
        err instanceof LabError && err.code === 'bad-config' && !err.message.includes('\n'),
      JSON.stringify(change),
    );
  }
  // Host bits in the base are dropped, as ip would.
  assert.equal(
    resolveLabAddresses({ ...DEFAULT_LAB_CONFIG, overlaySubnet: '10.233.9.9/16' }).ctrA,
    '10.233.1.2',
  );
});

test('teardown touches only etlab- namespaces and the processes inside them', () => {
  const plan = buildTeardownPlan([
    { name: 'etlab-hostA', pids: [4242] },
    { name: 'etlab-ctrB', pids: [] },
    { name: 'etlab-', pids: [7] },
    { name: 'docker-ns', pids: [99] },
    { name: 'my-etlab-hostA', pids: [100] },
    { name: 'etlab-stray', pids: [1, 4343] },
  ]);
  assert.deepEqual(plan.pids, [4242, 4343]);
  assert.deepEqual(plan.commands, [
    ['ip', 'netns', 'delete', 'etlab-hostA'],
    ['ip', 'netns', 'delete', 'etlab-ctrB'],
    ['ip', 'netns', 'delete', 'etlab-stray'],
  ]);
  assert.deepEqual(buildTeardownPlan([]), { pids: [], commands: [] });
  assert.deepEqual(parseNetnsList('etlab-ctrA (id: 3)\netlab-hostA\n\n'), [
    'etlab-ctrA',
    'etlab-hostA',
  ]);
  assert.deepEqual(parsePidList('12\n\n345\nx\n'), [12, 345]);
});

test('device roles per path', () => {
  assert.deepEqual(labDevices('host'), [
    { name: 'ulA', role: 'underlay' },
    { name: 'ulB', role: 'underlay' },
  ]);
  assert.deepEqual(
    labDevices('overlay').map((d) => `${d.name}:${d.role}`),
    [
      'ulA:underlay',
      'ulB:underlay',
      'vxlan0:vxlan',
      'br0:bridge',
      'veth-c:host-veth',
      'eth0:container',
    ],
  );
});

test('workload tools: sockperf for request/response, iperf3 for streams, built-in when missing', () => {
  const all = { iperf3: true, sockperf: true };
  assert.equal(chooseWorkloadTool('udp-rr', all), 'sockperf');
  assert.equal(chooseWorkloadTool('tcp-stream', all), 'iperf3');
  assert.equal(chooseWorkloadTool('udp-rr', { iperf3: true, sockperf: false }), 'builtin');
  assert.equal(chooseWorkloadTool('udp-stream', { iperf3: false, sockperf: true }), 'builtin');
});

test('workload argv: server on the B side, client on the A side', () => {
  const base = { durationSec: 3, ratePerSec: 4000, payloadBytes: 64 };
  const udp = buildWorkloadPlan(
    { ...base, kind: 'udp-stream', path: 'overlay' },
    'iperf3',
    BUILTIN,
  );
  assert.deepEqual(udp.server, [
    'ip',
    'netns',
    'exec',
    'etlab-ctrB',
    'iperf3',
    '-s',
    '-B',
    '10.233.2.2',
    '-p',
    '5201',
  ]);
  assert.deepEqual(udp.client, [
    'ip',
    'netns',
    'exec',
    'etlab-ctrA',
    'iperf3',
    '-c',
    '10.233.2.2',
    '-p',
    '5201',
    '-t',
    '3',
    '-u',
    '-l',
    '64',
    '-b',
    '2048000',
  ]);
  // iperf3 listens on TCP for its control connection even in a UDP test.
  assert.deepEqual(udp.readiness, [
    'ip',
    'netns',
    'exec',
    'etlab-ctrB',
    'ss',
    '-H',
    '-l',
    '-n',
    '-t',
    'sport = :5201',
  ]);

  const rr = buildWorkloadPlan(
    { ...base, kind: 'tcp-rr', path: 'host', ratePerSec: 0 },
    'sockperf',
    BUILTIN,
  );
  assert.deepEqual(rr.server, [
    'ip',
    'netns',
    'exec',
    'etlab-hostB',
    'sockperf',
    'server',
    '-i',
    '192.168.0.2',
    '-p',
    '11111',
    '--tcp',
  ]);
  assert.deepEqual(rr.client.slice(4), [
    'sockperf',
    'ping-pong',
    '-i',
    '192.168.0.2',
    '-p',
    '11111',
    '--tcp',
    '-t',
    '3',
    '--mps',
    'max',
    '-m',
    '64',
  ]);
  assert.equal(rr.clientNs, 'etlab-hostA');

  const udpRr = buildWorkloadPlan(
    { ...base, kind: 'udp-rr', path: 'overlay', port: 9000 },
    'builtin',
    BUILTIN,
  );
  assert.deepEqual(udpRr.server, [
    'ip',
    'netns',
    'exec',
    'etlab-ctrB',
    ...BUILTIN,
    'server',
    'udp-rr',
    '10.233.2.2',
    '9000',
  ]);
  assert.deepEqual(udpRr.client, [
    'ip',
    'netns',
    'exec',
    'etlab-ctrA',
    ...BUILTIN,
    'client',
    'udp-rr',
    '10.233.2.2',
    '9000',
    '3',
    '4000',
    '64',
  ]);
  assert.equal(udpRr.readiness.at(-2), '-u');

  const stream = buildWorkloadPlan(
    { ...base, kind: 'tcp-stream', path: 'overlay', ratePerSec: 0 },
    'iperf3',
    BUILTIN,
  );
  assert.deepEqual(stream.client.slice(4), ['iperf3', '-c', '10.233.2.2', '-p', '5201', '-t', '3']);
  const custom = buildWorkloadPlan(
    { ...base, kind: 'udp-rr', path: 'overlay', config: CUSTOM },
    'sockperf',
    BUILTIN,
  );
  assert.equal(custom.serverAddr, '172.20.2.2');
});
