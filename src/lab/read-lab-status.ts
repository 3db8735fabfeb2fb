/**
 * What of the lab exists right now: its namespaces, their devices, addresses and up/down state,
 * read with `ip netns list` and `ip -j -n NS addr show`. Also says whether each path (overlay,
 * host) has every device it needs up.
 */
import { parseNetnsList } from './build-teardown-plan.js';
import { LAB_DEVICES, LAB_NAMESPACES, isLabNamespace } from './lab-names.js';
import { parseIpAddrJson, type LabDeviceStatus } from './parse-ip-addr.js';
import { checkLabPrerequisites, runArgvChecked } from './run-argv.js';

export interface LabNamespaceStatus {
  name: string;
  exists: boolean;
  devices: LabDeviceStatus[];
}

export interface LabStatus {
  /** The four lab namespaces, in a fixed order, whether they exist or not. */
  namespaces: LabNamespaceStatus[];
  /** `etlab-` namespaces that are not part of the lab's design (leftovers; teardown removes them). */
  strays: string[];
  /** Every device of the overlay path exists and is up. */
  overlayReady: boolean;
  /** The underlay between the two hosts exists, is up and has its addresses. */
  hostReady: boolean;
}

function hasUp(ns: LabNamespaceStatus | undefined, device: string, needsAddress = false): boolean {
  const dev = ns?.devices.find((d) => d.name === device);
  return dev !== undefined && dev.up && (!needsAddress || dev.addresses.length > 0);
}

/** Decide readiness from namespace statuses (pure; exported for tests). */
export function judgeLabStatus(namespaces: LabNamespaceStatus[], strays: string[]): LabStatus {
  const byName = new Map(namespaces.map((ns) => [ns.name, ns]));
  const hostA = byName.get(LAB_NAMESPACES.hostA);
  const hostB = byName.get(LAB_NAMESPACES.hostB);
  const hostReady =
    hasUp(hostA, LAB_DEVICES.underlayA, true) && hasUp(hostB, LAB_DEVICES.underlayB, true);
  const hostSideReady = (ns: LabNamespaceStatus | undefined): boolean =>
    [LAB_DEVICES.vxlan, LAB_DEVICES.bridge, LAB_DEVICES.hostVeth].every((d) => hasUp(ns, d));
  const overlayReady =
    hostReady &&
    hostSideReady(hostA) &&
    hostSideReady(hostB) &&
    hasUp(byName.get(LAB_NAMESPACES.ctrA), LAB_DEVICES.container, true) &&
    hasUp(byName.get(LAB_NAMESPACES.ctrB), LAB_DEVICES.container, true);
  return { namespaces, strays, overlayReady, hostReady };
}

/** Read the lab's current state (needs root and `ip`). */
export async function readLabStatus(): Promise<LabStatus> {
  await checkLabPrerequisites();
  const existing = new Set(parseNetnsList((await runArgvChecked(['ip', 'netns', 'list'])).stdout));
  const expected: string[] = Object.values(LAB_NAMESPACES);
  const namespaces: LabNamespaceStatus[] = [];
  for (const name of expected) {
    if (!existing.has(name)) {
      namespaces.push({ name, exists: false, devices: [] });
      continue;
    }
    const out = await runArgvChecked(['ip', '-j', '-n', name, 'addr', 'show']);
    namespaces.push({ name, exists: true, devices: parseIpAddrJson(out.stdout) });
  }
  const strays = [...existing].filter((n) => isLabNamespace(n) && !expected.includes(n)).sort();
  return judgeLabStatus(namespaces, strays);
}
