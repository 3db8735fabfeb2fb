/**
 * Workloads as data: the server (in the B side namespace), a readiness probe, and the client
 * (in the A side namespace) as argv arrays. Request/response kinds use sockperf ping-pong,
 * stream kinds iperf3; when the tool is missing, the small built-in Node workload stands in.
 * Pure: run-workload.ts executes the plan.
 */
import type { PathKind } from '../model/manifest.js';
import { DEFAULT_LAB_CONFIG, resolveLabAddresses, type LabConfig } from './lab-config.js';
import { LAB_NAMESPACES } from './lab-names.js';

export const WORKLOAD_KINDS = ['udp-rr', 'tcp-rr', 'tcp-stream', 'udp-stream'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];
export type WorkloadTool = 'iperf3' | 'sockperf' | 'builtin';

export interface WorkloadOptions {
  kind: WorkloadKind;
  path: PathKind;
  durationSec: number;
  /** Messages (UDP datagrams, request/response round trips, TCP writes) per second; 0 = as fast as it goes. */
  ratePerSec: number;
  /** Payload bytes per message. */
  payloadBytes: number;
  /** Server port; the tool's usual one when absent. */
  port?: number;
  config?: LabConfig;
}

export interface WorkloadPlan {
  kind: WorkloadKind;
  tool: WorkloadTool;
  serverNs: string;
  clientNs: string;
  serverAddr: string;
  port: number;
  /** Runs until stopped. */
  server: string[];
  /** Prints the server's listening socket once it is ready (empty output = not yet). */
  readiness: string[];
  /** Runs for the duration and exits. */
  client: string[];
}

const DEFAULT_PORTS: Record<WorkloadTool, number> = {
  sockperf: 11111,
  iperf3: 5201,
  builtin: 12345,
};

/** The tool a kind prefers, or the built-in workload when that tool is not installed. */
export function chooseWorkloadTool(
  kind: WorkloadKind,
  available: { iperf3: boolean; sockperf: boolean },
): WorkloadTool {
  const preferred = kind.endsWith('-rr') ? 'sockperf' : 'iperf3';
  return available[preferred] ? preferred : 'builtin';
}

function buildToolArgv(
  o: WorkloadOptions,
  tool: WorkloadTool,
  addr: string,
  port: number,
  builtin: readonly string[],
): { server: string[]; client: string[] } {
  const tcp = o.kind.startsWith('tcp');
  const dur = String(o.durationSec);
  if (tool === 'sockperf') {
    const proto = tcp ? ['--tcp'] : [];
    const mps = o.ratePerSec > 0 ? String(o.ratePerSec) : 'max';
    return {
      server: ['sockperf', 'server', '-i', addr, '-p', String(port), ...proto],
      client: [
        'sockperf',
        'ping-pong',
        '-i',
        addr,
        '-p',
        String(port),
        ...proto,
        '-t',
        dur,
        '--mps',
        mps,
        '-m',
        String(o.payloadBytes),
      ],
    };
  }
  if (tool === 'iperf3') {
    // iperf3 paces by bit rate: messages/s times payload bits; 0 means unlimited for both.
    const bits = String(o.ratePerSec * o.payloadBytes * 8);
    const shape = tcp && o.ratePerSec === 0 ? [] : ['-l', String(o.payloadBytes), '-b', bits];
    return {
      server: ['iperf3', '-s', '-B', addr, '-p', String(port)],
      client: [
        'iperf3',
        '-c',
        addr,
        '-p',
        String(port),
        '-t',
        dur,
        ...(tcp ? [] : ['-u']),
        ...shape,
      ],
    };
  }
  const args = [o.kind, addr, String(port)];
  return {
    server: [...builtin, 'server', ...args],
    client: [...builtin, 'client', ...args, dur, String(o.ratePerSec), String(o.payloadBytes)],
  };
}

/**
 * The plan for one workload. `builtin` is the argv that starts builtin-workload-main (see
 * resolveBuiltinCommand); it is only used when `tool` is 'builtin'.
 */
export function buildWorkloadPlan(
  options: WorkloadOptions,
  tool: WorkloadTool,
  builtin: readonly string[],
): WorkloadPlan {
  const addr = resolveLabAddresses(options.config ?? DEFAULT_LAB_CONFIG);
  const overlay = options.path === 'overlay';
  const serverNs = overlay ? LAB_NAMESPACES.ctrB : LAB_NAMESPACES.hostB;
  const clientNs = overlay ? LAB_NAMESPACES.ctrA : LAB_NAMESPACES.hostA;
  const serverAddr = overlay ? addr.ctrB : addr.hostB;
  const port = options.port ?? DEFAULT_PORTS[tool];
  const argv = buildToolArgv(options, tool, serverAddr, port, builtin);
  // iperf3's control connection is TCP even for a UDP test.
  const listensTcp = options.kind.startsWith('tcp') || tool === 'iperf3';
  return {
    kind: options.kind,
    tool,
    serverNs,
    clientNs,
    serverAddr,
    port,
    server: ['ip', 'netns', 'exec', serverNs, ...argv.server],
    readiness: [
      'ip',
      'netns',
      'exec',
      serverNs,
      'ss',
      '-H',
      '-l',
      '-n',
      listensTcp ? '-t' : '-u',
      `sport = :${port}`,
    ],
    client: ['ip', 'netns', 'exec', clientNs, ...argv.client],
  };
}
