import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRecordFlags, type RawRecordFlags } from '../../src/record/parse-record-flags.js';
import { RecordError } from '../../src/record/record-error.js';
import { labDevices } from '../../src/lab/index.js';

function rejects(raw: Partial<RawRecordFlags>, pattern: RegExp): void {
  assert.throws(
    () => parseRecordFlags({ out: 'runs/r1', dev: ['ulB=underlay'], ...raw }),
    (err: unknown) => {
      assert.ok(err instanceof RecordError, 'a RecordError');
      assert.equal(err.code, 'bad-flag');
      assert.match(err.message, pattern);
      assert.doesNotMatch(err.message, /\n/, 'one line');
      assert.notEqual(err.suggestion, '');
      return true;
    },
  );
}

test('filters become the numbers the script compares', () => {
  const r = parseRecordFlags({
    out: 'o',
    dev: ['ulB=underlay', 'vxlan0=vxlan'],
    saddr: '10.233.1.2',
    daddr: '255.255.255.255',
    sport: '1',
    dport: '65535',
    proto: 'udp',
  });
  assert.deepEqual(r.filters, {
    saddr: 183042306,
    daddr: 4294967295,
    sport: 1,
    dport: 65535,
    proto: 17,
  });
  assert.equal(parseRecordFlags({ out: 'o', dev: ['a=underlay'], proto: 'tcp' }).filters.proto, 6);
  assert.deepEqual(r.devices, [
    { name: 'ulB', role: 'underlay' },
    { name: 'vxlan0', role: 'vxlan' },
  ]);
});

test('defaults: no filter, aggregate mode (timelines of 1 packet in 64), no time limit outside the lab', () => {
  const r = parseRecordFlags({ out: 'o', dev: ['eth0=underlay'] });
  assert.deepEqual(r.filters, { saddr: 0, daddr: 0, sport: 0, dport: 0, proto: 0 });
  assert.equal(r.mode, 'aggregate');
  assert.deepEqual(r.sampling, { oneIn: 64, unit: 'packet' });
  assert.equal(r.durationSec, null);
  assert.equal(r.packets, null);
  assert.equal(r.path, 'overlay');
  assert.equal(r.command, null);
  assert.equal(r.cpu, null);
  assert.equal(r.label, null);
});

test('--lab takes the lab devices for its path, a workload and 5 s by default', () => {
  const r = parseRecordFlags({
    out: 'o',
    lab: true,
    path: 'host',
    workload: 'udp-stream',
    rate: '1000',
  });
  assert.deepEqual(r.devices, labDevices('host'));
  assert.deepEqual(r.lab, { path: 'host', kind: 'udp-stream', ratePerSec: 1000, payloadBytes: 64 });
  assert.equal(r.durationSec, 5);
  const overlay = parseRecordFlags({ out: 'o', lab: true, duration: '2.5' });
  assert.deepEqual(overlay.devices, labDevices('overlay'));
  assert.equal(overlay.lab?.kind, 'udp-rr');
  assert.equal(overlay.durationSec, 2.5);
});

test('sampling, packets, cpu, command and label', () => {
  const r = parseRecordFlags({
    out: 'o',
    dev: ['ulB=underlay'],
    sample: '10',
    sampleBy: 'flow',
    packets: '5000',
    cpu: true,
    cpuFreq: '199',
    command: ['iperf3', '-c', '10.0.0.2'],
    label: '  run one ',
  });
  assert.deepEqual(r.sampling, { oneIn: 10, unit: 'flow' });
  assert.equal(r.packets, 5000);
  assert.deepEqual(r.cpu, { frequencyHz: 199 });
  assert.deepEqual(r.command, ['iperf3', '-c', '10.0.0.2']);
  assert.equal(r.label, 'run one');
});

test('bad values are refused with one line naming the flag', () => {
  rejects({ saddr: '10.0.0.256' }, /^--saddr: "10\.0\.0\.256" is not an IPv4 address/);
  rejects({ daddr: '10.0.0' }, /^--daddr:/);
  rejects({ saddr: '0.0.0.0' }, /^--saddr: 0\.0\.0\.0 matches nothing/);
  rejects({ saddr: '10.0.0.1; system("x")' }, /^--saddr:/);
  rejects({ sport: '0' }, /^--sport: "0" is not a whole number in 1\.\.65535/);
  rejects({ dport: '65536' }, /^--dport:/);
  rejects({ dport: '-1' }, /^--dport:/);
  rejects({ dport: '0x50' }, /^--dport:/);
  rejects({ dport: '1e3' }, /^--dport:/);
  rejects({ proto: 'icmp' }, /^--proto: "icmp" is not tcp or udp/);
  rejects({ sample: '0' }, /^--sample:/);
  rejects({ sample: '1.5' }, /^--sample:/);
  rejects({ sampleBy: 'flow' }, /^--sample-by: needs --sample N/);
  rejects({ sample: '4', sampleBy: 'cpu' }, /^--sample-by: "cpu" is not packet or flow/);
  rejects({ duration: '0' }, /^--duration:/);
  rejects({ duration: 'ten' }, /^--duration:/);
  rejects({ packets: '0' }, /^--packets:/);
  rejects({ probes: 'uprobe' }, /^--probes: "uprobe" is not one of tracepoint, fentry, kprobe/);
  rejects({ path: 'bridge' }, /^--path:/);
  rejects({ netns: '../etc' }, /^--netns:/);
  rejects({ cpuFreq: '99' }, /^--cpu-freq: needs --cpu/);
  rejects({ cpu: true, cpuFreq: '0' }, /^--cpu-freq:/);
});

test('device roles must be NAME=ROLE, known roles, one role per name', () => {
  rejects({ dev: ['eth0'] }, /^--dev: "eth0" is not NAME=ROLE/);
  rejects({ dev: ['eth0=nic'] }, /^--dev: "nic" is not a role/);
  rejects({ dev: ['eth0=underlay', 'eth0=container'] }, /^--dev: device eth0 is given twice/);
  rejects({ dev: ['a,b=underlay'] }, /^--dev:/);
  rejects({ dev: ['abcdefghijklmnop=underlay'] }, /^--dev:/);
  rejects({ dev: [] }, /^--dev: no device roles/);
});

test('combinations that cannot work are refused', () => {
  rejects({ lab: true, dev: undefined, command: ['true'] }, /^--lab: runs its own workload/);
  rejects({ lab: true }, /^--dev: the lab names its own devices/);
  rejects({ workload: 'udp-rr' }, /^--workload: needs --lab/);
  rejects({ rate: '100' }, /^--rate: needs --lab/);
  rejects(
    { dev: ['vxlan0=vxlan'], packets: '10' },
    /^--packets: .*no device has the underlay role/,
  );
  rejects(
    { probes: 'fentry', dport: '5201' },
    /^--probes: filters, --netns and --sample work with the tracepoint program only/,
  );
  rejects({ probes: 'kprobe', sample: '10' }, /^--probes:/);
  rejects({ probes: 'kprobe', netns: 'etlab-hostB' }, /^--probes:/);
  rejects({ out: ' ' }, /^--out: is empty/);
});
