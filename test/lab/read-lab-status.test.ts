/**
 * Lab status from `ip -j addr show` output: parsing and the readiness of each path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIpAddrJson } from '../../src/lab/parse-ip-addr.js';
import { judgeLabStatus, type LabNamespaceStatus } from '../../src/lab/read-lab-status.js';

const dev = (name: string, up = true, addresses: string[] = [], master: string | null = null) => ({
  name,
  up,
  operstate: up ? 'UP' : 'DOWN',
  mtu: 1450,
  master,
  addresses,
});

function fullLab(): LabNamespaceStatus[] {
  const host = (ns: string, ul: string, addr: string): LabNamespaceStatus => ({
    name: ns,
    exists: true,
    devices: [
      dev(ul, true, [addr]),
      dev('vxlan0', true, [], 'br0'),
      dev('br0'),
      dev('veth-c', true, [], 'br0'),
    ],
  });
  return [
    host('etlab-hostA', 'ulA', '192.168.0.1/24'),
    host('etlab-hostB', 'ulB', '192.168.0.2/24'),
    { name: 'etlab-ctrA', exists: true, devices: [dev('eth0', true, ['10.233.1.2/16'])] },
    { name: 'etlab-ctrB', exists: true, devices: [dev('eth0', true, ['10.233.2.2/16'])] },
  ];
}

test('ip -j addr show: names, up flag, operstate, mtu, master, IPv4 addresses only', () => {
  const text = JSON.stringify([
    {
      ifname: 'vxlan0',
      flags: ['BROADCAST', 'UP', 'LOWER_UP'],
      mtu: 1450,
      operstate: 'UNKNOWN',
      master: 'br0',
      addr_info: [],
    },
    {
      ifname: 'eth0',
      flags: ['BROADCAST'],
      mtu: 1450,
      operstate: 'DOWN',
      addr_info: [
        { family: 'inet', local: '10.233.1.2', prefixlen: 16 },
        { family: 'inet6', local: 'fe80::1', prefixlen: 64 },
      ],
    },
    'garbage',
  ]);
  assert.deepEqual(parseIpAddrJson(text), [
    { name: 'vxlan0', up: true, operstate: 'UNKNOWN', mtu: 1450, master: 'br0', addresses: [] },
    {
      name: 'eth0',
      up: false,
      operstate: 'DOWN',
      mtu: 1450,
      master: null,
      addresses: ['10.233.1.2/16'],
    },
  ]);
  assert.deepEqual(parseIpAddrJson('not json'), []);
  assert.deepEqual(parseIpAddrJson('{}'), []);
});

test('readiness: both paths up; a down container breaks only the overlay; no underlay address breaks both', () => {
  const full = judgeLabStatus(fullLab(), []);
  assert.equal(full.overlayReady, true);
  assert.equal(full.hostReady, true);

  const ctrDown = fullLab();
  ctrDown[3] = {
    name: 'etlab-ctrB',
    exists: true,
    devices: [dev('eth0', false, ['10.233.2.2/16'])],
  };
  assert.deepEqual(
    [judgeLabStatus(ctrDown, []).overlayReady, judgeLabStatus(ctrDown, []).hostReady],
    [false, true],
  );

  const noAddr = fullLab();
  noAddr[0] = {
    name: 'etlab-hostA',
    exists: true,
    devices: [dev('ulA'), dev('vxlan0'), dev('br0'), dev('veth-c')],
  };
  assert.deepEqual(
    [judgeLabStatus(noAddr, []).overlayReady, judgeLabStatus(noAddr, []).hostReady],
    [false, false],
  );

  const none = judgeLabStatus(
    fullLab().map((ns) => ({ name: ns.name, exists: false, devices: [] })),
    ['etlab-old'],
  );
  assert.deepEqual([none.overlayReady, none.hostReady, none.strays], [false, false, ['etlab-old']]);
});
