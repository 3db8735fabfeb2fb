/**
 * Reads `ip -j addr show` (iproute2's JSON) into the lab's device status. Only the fields the
 * status shows are read; anything of the wrong type is left at its empty value, not thrown.
 */

export interface LabDeviceStatus {
  name: string;
  /** Administratively up (UP in the flags). */
  up: boolean;
  /** Kernel operstate: UP, DOWN, UNKNOWN (vxlan and lo say UNKNOWN when working), LOWERLAYERDOWN. */
  operstate: string;
  mtu: number;
  /** Bridge the device is enslaved to, or null. */
  master: string | null;
  /** IPv4 addresses as "a.b.c.d/len". */
  addresses: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readAddresses(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const info of value) {
    if (isRecord(info) && info['family'] === 'inet' && typeof info['local'] === 'string') {
      out.push(
        `${info['local']}/${typeof info['prefixlen'] === 'number' ? info['prefixlen'] : 32}`,
      );
    }
  }
  return out;
}

/** Devices in `ip -j addr show` output; [] for output that is not that JSON. */
export function parseIpAddrJson(text: string): LabDeviceStatus[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data.filter(isRecord).map((dev) => ({
    name: typeof dev['ifname'] === 'string' ? dev['ifname'] : '',
    up: Array.isArray(dev['flags']) && dev['flags'].includes('UP'),
    operstate: typeof dev['operstate'] === 'string' ? dev['operstate'] : '',
    mtu: typeof dev['mtu'] === 'number' ? dev['mtu'] : 0,
    master: typeof dev['master'] === 'string' ? dev['master'] : null,
    addresses: readAddresses(dev['addr_info']),
  }));
}
