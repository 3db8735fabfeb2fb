/**
 * Small readers of /proc for the doctor: effective capabilities (/proc/self/status CapEff),
 * where tracefs is mounted (/proc/mounts) and whether /proc/kallsyms lists a symbol. The parsers
 * are pure and take the text; the readers take a procRoot so tests can point at a fake tree.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Capability bit numbers from include/uapi/linux/capability.h. */
export const CAP_SYS_ADMIN = 21;
export const CAP_PERFMON = 38;
export const CAP_BPF = 39;

/** CapEff from /proc/<pid>/status as a bit set; null when the line is missing. */
export function parseCapEff(statusText: string): bigint | null {
  const m = /^CapEff:\s*([0-9a-fA-F]+)\s*$/m.exec(statusText);
  return m ? BigInt(`0x${m[1] ?? '0'}`) : null;
}

export function hasCapability(capEff: bigint, bit: number): boolean {
  return ((capEff >> BigInt(bit)) & 1n) === 1n;
}

/** Mount point of the first tracefs in /proc/mounts text; null when none is mounted. */
export function findTracefsMount(mountsText: string): string | null {
  for (const line of mountsText.split('\n')) {
    // Fields: device, mount point, type, options, dump, pass (proc_pid_mounts(5)).
    const fields = line.split(' ');
    if (fields[2] === 'tracefs' && fields[1] !== undefined) return fields[1];
  }
  return null;
}

/**
 * True when /proc/kallsyms has `name` as a symbol (lines: "address type name [module]").
 * Streams the file: it has a few hundred thousand lines.
 */
export async function hasKernelSymbol(procRoot: string, name: string): Promise<boolean> {
  const lines = createInterface({ input: createReadStream(join(procRoot, 'kallsyms')) });
  try {
    for await (const line of lines) {
      const first = line.indexOf(' ');
      const second = line.indexOf(' ', first + 1);
      if (second < 0) continue;
      const end = line.indexOf('\t', second + 1);
      const symbol = line.slice(second + 1, end < 0 ? undefined : end);
      if (symbol === name) return true;
    }
    return false;
  } finally {
    lines.close();
  }
}
