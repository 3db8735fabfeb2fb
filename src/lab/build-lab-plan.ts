/**
 * The lab as data: every `ip` command that builds the two-host VXLAN overlay, in order, as argv
 * arrays. Pure, so tests can read the plan without root; run-argv-plan.ts executes it.
 *
 *   etlab-ctrA            etlab-hostA                         etlab-hostB            etlab-ctrB
 *   eth0 ==veth== veth-c -br0- vxlan0 ~ ulA ==veth underlay== ulB ~ vxlan0 -br0- veth-c ==veth== eth0
 *
 * Every device is created inside its namespace (`ip -n NS link add ... peer ... netns OTHER`),
 * so nothing ever appears in the machine's own namespace, not even for a moment.
 */
import { LAB_DEVICES, LAB_NAMESPACES } from './lab-names.js';
import { resolveLabAddresses, type LabConfig } from './lab-config.js';

export type ArgvPlan = string[][];

interface Side {
  host: string;
  ctr: string;
  underlay: string;
  local: string;
  remote: string;
  ctrAddr: string;
}

function buildSidePlan(
  side: Side,
  config: LabConfig,
  underlayPrefix: number,
  overlayPrefix: number,
): ArgvPlan {
  const { vxlan, bridge, hostVeth, container } = LAB_DEVICES;
  const mtu = String(config.overlayMtu);
  const inHost = (...args: string[]): string[] => ['ip', '-n', side.host, ...args];
  const inCtr = (...args: string[]): string[] => ['ip', '-n', side.ctr, ...args];
  return [
    inHost('addr', 'add', `${side.local}/${underlayPrefix}`, 'dev', side.underlay),
    inHost('link', 'set', 'lo', 'up'),
    inHost('link', 'set', side.underlay, 'up'),
    // As Docker overlay / Flannel do: a unicast VXLAN tunnel to the one peer, on the underlay.
    inHost(
      'link',
      'add',
      vxlan,
      'mtu',
      mtu,
      'type',
      'vxlan',
      'id',
      String(config.vni),
      'dstport',
      String(config.vxlanPort),
      'local',
      side.local,
      'remote',
      side.remote,
      'dev',
      side.underlay,
    ),
    inHost('link', 'add', bridge, 'mtu', mtu, 'type', 'bridge'),
    inHost('link', 'set', vxlan, 'master', bridge),
    inHost(
      'link',
      'add',
      hostVeth,
      'mtu',
      mtu,
      'type',
      'veth',
      'peer',
      'name',
      container,
      'mtu',
      mtu,
      'netns',
      side.ctr,
    ),
    inHost('link', 'set', hostVeth, 'master', bridge),
    inHost('link', 'set', vxlan, 'up'),
    inHost('link', 'set', bridge, 'up'),
    inHost('link', 'set', hostVeth, 'up'),
    inCtr('addr', 'add', `${side.ctrAddr}/${overlayPrefix}`, 'dev', container),
    inCtr('link', 'set', 'lo', 'up'),
    inCtr('link', 'set', container, 'up'),
  ];
}

/** Commands that bring the lab up from nothing (run tearLabDown first to start clean). */
export function buildLabUpPlan(config: LabConfig): ArgvPlan {
  const addr = resolveLabAddresses(config);
  const ns = LAB_NAMESPACES;
  const { underlayA, underlayB } = LAB_DEVICES;
  return [
    ...[ns.hostA, ns.hostB, ns.ctrA, ns.ctrB].map((name) => ['ip', 'netns', 'add', name]),
    [
      'ip',
      '-n',
      ns.hostA,
      'link',
      'add',
      underlayA,
      'type',
      'veth',
      'peer',
      'name',
      underlayB,
      'netns',
      ns.hostB,
    ],
    ...buildSidePlan(
      {
        host: ns.hostA,
        ctr: ns.ctrA,
        underlay: underlayA,
        local: addr.hostA,
        remote: addr.hostB,
        ctrAddr: addr.ctrA,
      },
      config,
      addr.underlayPrefix,
      addr.overlayPrefix,
    ),
    ...buildSidePlan(
      {
        host: ns.hostB,
        ctr: ns.ctrB,
        underlay: underlayB,
        local: addr.hostB,
        remote: addr.hostA,
        ctrAddr: addr.ctrB,
      },
      config,
      addr.underlayPrefix,
      addr.overlayPrefix,
    ),
  ];
}
