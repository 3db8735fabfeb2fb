/**
 * Validators for single flag values: each returns the number a bpftrace positional parameter
 * or a plan needs, or throws a one-line RecordError naming the flag. Nothing a user types goes
 * further than these functions as text.
 */
import type { DeviceAssignment, DeviceRole } from '../model/manifest.js';
import { badFlag } from './record-error.js';

const DEVICE_ROLES: readonly DeviceRole[] = [
  'underlay',
  'vxlan',
  'bridge',
  'host-veth',
  'container',
];

/** Dotted-quad IPv4 address as a host-order u32 (10.233.1.2 -> 183042306). */
export function parseIpv4(flag: string, text: string): number {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  const parts = m ? m.slice(1).map(Number) : [];
  if (!m || parts.some((p) => p > 255)) {
    throw badFlag(flag, `"${text}" is not an IPv4 address`, 'write it like 10.233.2.2');
  }
  const value = parts.reduce((acc, p) => acc * 256 + p, 0);
  // 0 is the script's "any": 0.0.0.0 cannot be a filter.
  if (value === 0)
    throw badFlag(flag, '0.0.0.0 matches nothing', 'leave the flag out for any address');
  return value;
}

/** An integer in [min, max] written in decimal digits only (no signs, exponents or hex). */
export function parseInteger(flag: string, text: string, min: number, max: number): number {
  const value = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw badFlag(
      flag,
      `"${text}" is not a whole number in ${min}..${max}`,
      `pass a number from ${min} to ${max}`,
    );
  }
  return value;
}

export function parsePort(flag: string, text: string): number {
  return parseInteger(flag, text, 1, 65_535);
}

/** tcp -> 6, udp -> 17. */
export function parseProto(text: string): number {
  if (text === 'tcp') return 6;
  if (text === 'udp') return 17;
  throw badFlag('proto', `"${text}" is not tcp or udp`, 'pass --proto tcp or --proto udp');
}

/** Seconds, a positive decimal (fractions allowed), at most a day. */
export function parseSeconds(flag: string, text: string): number {
  const value = /^\d{1,6}(\.\d{1,3})?$/.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0 && value <= 86_400)) {
    throw badFlag(
      flag,
      `"${text}" is not a number of seconds in (0, 86400]`,
      'pass e.g. --duration 10',
    );
  }
  return value;
}

/** `NAME=ROLE` pairs; a name given twice, or an unknown role, is rejected. */
export function parseDeviceRoles(values: readonly string[]): DeviceAssignment[] {
  const out: DeviceAssignment[] = [];
  for (const text of values) {
    const eq = text.indexOf('=');
    const name = eq < 0 ? '' : text.slice(0, eq);
    const role = eq < 0 ? '' : text.slice(eq + 1);
    // Device names are at most 15 bytes (IFNAMSIZ - 1); a comma could not be written to the CSV.
    if (!/^[^\s,=/]{1,15}$/.test(name)) {
      throw badFlag(
        'dev',
        `"${text}" is not NAME=ROLE with a device name`,
        'write it like --dev eth0=underlay',
      );
    }
    if (!(DEVICE_ROLES as readonly string[]).includes(role)) {
      throw badFlag(
        'dev',
        `"${role}" is not a role (${DEVICE_ROLES.join(', ')})`,
        `write it like --dev ${name}=underlay`,
      );
    }
    if (out.some((d) => d.name === name)) {
      throw badFlag('dev', `device ${name} is given twice`, 'give each device one role');
    }
    out.push({ name, role: role as DeviceRole });
  }
  return out;
}

/** Network namespace name as `ip netns` accepts it (a file name under /run/netns). */
export function parseNetnsName(text: string): string {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(text) || text === '.' || text === '..') {
    throw badFlag('netns', `"${text}" is not a network namespace name`, 'see `ip netns list`');
  }
  return text;
}
