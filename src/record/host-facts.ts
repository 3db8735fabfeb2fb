/**
 * What the recorder needs to know about this machine before it plans: kernel (uname), hostname,
 * ECON (econ_rx in /proc/kallsyms), the tool versions and the network namespace inodes the
 * tracepoint script filters on. readHostFacts gathers them; the plan builder stays pure.
 */
import { stat } from 'node:fs/promises';
import { hostname, release, version } from 'node:os';
import { join } from 'node:path';
import { readEconControl } from '../doctor/econ-control.js';
import { hasKernelSymbol } from '../doctor/read-proc.js';
import { readOwnVersion } from '../pipeline/own-version.js';
import {
  detectBpftraceVersion,
  detectPerfVersion,
  type ToolVersion,
} from '../tools/tool-version.js';
import { RecordError } from './record-error.js';

export interface HostFacts {
  kernelRelease: string;
  kernelVersion: string;
  hostname: string;
  /** econ_rx is in /proc/kallsyms. */
  econ: boolean;
  /** ECON's /proc control file says it is on (false on other kernels). */
  econEnabled: boolean;
  /** econ-trace's own version. */
  recorderVersion: string;
  bpftraceVersion: ToolVersion;
  /** null when perf was not needed (no --cpu). */
  perfVersion: ToolVersion | null;
  /** Inode of the machine's own network namespace (left out of the trace). */
  ownNetnsInode: number;
  /** Inode of the --netns namespace; 0 when not restricted. */
  netnsInode: number;
}

/** Where `ip netns add` puts its namespaces. */
export const NETNS_RUN_DIR = '/run/netns';

/** pid 1's namespace is the machine's; where /proc/1 is not readable, ours stands in. */
export async function readOwnNetnsInode(procRoot = '/proc'): Promise<number> {
  for (const pid of ['1', 'self']) {
    const info = await stat(join(procRoot, pid, 'ns', 'net')).catch(() => null);
    if (info) return info.ino;
  }
  throw new RecordError(
    'tracer-failed',
    'cannot read the network namespace of pid 1 or of this process',
    'run as root',
  );
}

export async function resolveNetnsInode(name: string, runDir = NETNS_RUN_DIR): Promise<number> {
  const info = await stat(join(runDir, name)).catch(() => null);
  if (!info) {
    throw new RecordError(
      'netns-not-found',
      `network namespace "${name}" does not exist (${join(runDir, name)})`,
      'see `ip netns list`; with the lab, run `econ-trace lab up` first',
    );
  }
  return info.ino;
}

export async function readHostFacts(opts: {
  bpftrace: string;
  perf: string | null;
  netns: string | null;
  procRoot?: string;
}): Promise<HostFacts> {
  const procRoot = opts.procRoot ?? '/proc';
  const [econ, control, bpftraceVersion, perfVersion, ownNetnsInode, netnsInode] =
    await Promise.all([
      hasKernelSymbol(procRoot, 'econ_rx').catch(() => false),
      readEconControl(procRoot),
      detectBpftraceVersion(opts.bpftrace),
      opts.perf === null ? Promise.resolve(null) : detectPerfVersion(opts.perf),
      readOwnNetnsInode(procRoot),
      opts.netns === null ? Promise.resolve(0) : resolveNetnsInode(opts.netns),
    ]);
  return {
    kernelRelease: release(),
    kernelVersion: version(),
    hostname: hostname(),
    econ,
    econEnabled: econ && control.enabled === true,
    recorderVersion: readOwnVersion(),
    bpftraceVersion,
    perfVersion,
    ownNetnsInode,
    netnsInode,
  };
}
