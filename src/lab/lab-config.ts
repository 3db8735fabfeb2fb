/**
 * What the lab is built from: the two subnets (defaults are ECON's compiled-in ones), the VXLAN
 * id and port, and the MTU inside the overlay. resolveLabAddresses derives every address the
 * plan uses, and rejects a config that cannot hold them with a one-line LabError.
 */
import { LabError } from './lab-error.js';

export interface LabConfig {
  /** Underlay between the two hosts, CIDR; host A gets .1, host B .2. */
  underlaySubnet: string;
  /** Overlay the containers live in, CIDR; container A gets base + 1.2, container B base + 2.2. */
  overlaySubnet: string;
  /** VXLAN network identifier. */
  vni: number;
  /** VXLAN UDP destination port (the bpftrace script decapsulates 4789 only). */
  vxlanPort: number;
  /** MTU of the bridge, the container veths and vxlan0: underlay 1500 minus 50 bytes of VXLAN. */
  overlayMtu: number;
}

export const DEFAULT_LAB_CONFIG: Readonly<LabConfig> = Object.freeze({
  underlaySubnet: '192.168.0.0/24',
  overlaySubnet: '10.233.0.0/16',
  vni: 42,
  vxlanPort: 4789,
  overlayMtu: 1450,
});

export interface LabAddresses {
  /** Underlay addresses without prefix, and the prefix length. */
  hostA: string;
  hostB: string;
  underlayPrefix: number;
  /** Container addresses without prefix, and the overlay prefix length. */
  ctrA: string;
  ctrB: string;
  overlayPrefix: number;
}

interface Cidr {
  base: number;
  prefix: number;
}

function parseCidr(text: string, what: string): Cidr {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  const parts = m ? m.slice(1).map(Number) : [];
  const prefix = parts[4] ?? -1;
  if (!m || parts.slice(0, 4).some((p) => p > 255) || prefix > 32) {
    throw new LabError(
      'bad-config',
      `${what} "${text}" is not an IPv4 CIDR`,
      'write it like 10.233.0.0/16',
    );
  }
  const ip = parts.slice(0, 4).reduce((acc, p) => acc * 256 + p, 0);
  const size = 2 ** (32 - prefix);
  // Host bits set in the base are dropped, as `ip route` would.
  return { base: ip - (ip % size), prefix };
}

function formatIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function requireRange(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LabError(
      'bad-config',
      `${what} ${value} is outside ${min}..${max}`,
      `pick a ${what} in ${min}..${max}`,
    );
  }
}

/** Addresses the lab's plan uses; throws LabError('bad-config') when the config cannot hold them. */
export function resolveLabAddresses(config: LabConfig): LabAddresses {
  const under = parseCidr(config.underlaySubnet, 'underlay subnet');
  const over = parseCidr(config.overlaySubnet, 'overlay subnet');
  // .2 must be a host address (not the broadcast): at most /30.
  requireRange(under.prefix, 8, 30, 'underlay prefix length');
  // Container B sits at base + 2.2 (514): the overlay needs at least 10 host bits.
  requireRange(over.prefix, 8, 22, 'overlay prefix length');
  requireRange(config.vni, 1, 16_777_215, 'VNI');
  requireRange(config.vxlanPort, 1, 65_535, 'VXLAN port');
  requireRange(config.overlayMtu, 576, 1450, 'overlay MTU');
  return {
    hostA: formatIp(under.base + 1),
    hostB: formatIp(under.base + 2),
    underlayPrefix: under.prefix,
    ctrA: formatIp(over.base + 256 + 2),
    ctrB: formatIp(over.base + 512 + 2),
    overlayPrefix: over.prefix,
  };
}
