/**
 * `econ-trace record` flags, as the command line gave them (strings), to a validated
 * RecordRequest. Every rejection is one line naming the flag and what to write instead.
 */
import type { PathKind } from '../model/manifest.js';
import { WORKLOAD_KINDS, labDevices, type WorkloadKind } from '../lab/index.js';
import { badFlag } from './record-error.js';
import {
  DEFAULT_AGGREGATE_SAMPLE,
  type CheckpointSet,
  type ForcedProbes,
  type RecordMode,
  type RecordRequest,
  type Tracer,
} from './record-request.js';
import {
  parseDeviceRoles,
  parseInteger,
  parseIpv4,
  parseNetnsName,
  parsePort,
  parseProto,
  parseSeconds,
} from './parse-values.js';

export interface RawRecordFlags {
  out: string;
  force?: boolean;
  label?: string;
  duration?: string;
  packets?: string;
  saddr?: string;
  daddr?: string;
  sport?: string;
  dport?: string;
  proto?: string;
  dev?: string[];
  netns?: string;
  sample?: string;
  sampleBy?: string;
  mode?: string;
  tracer?: string;
  checkpoints?: string;
  probes?: string;
  lab?: boolean;
  path?: string;
  workload?: string;
  rate?: string;
  payload?: string;
  cpu?: boolean;
  cpuFreq?: string;
  /** Words after `--`: a workload command. */
  command?: string[];
}

/** A lab workload runs this long when --duration is not given. */
export const DEFAULT_LAB_DURATION_SEC = 5;

const PROBES: readonly ForcedProbes[] = ['tracepoint', 'fentry', 'kprobe'];

export function parseRecordFlags(raw: RawRecordFlags): RecordRequest {
  if (raw.out.trim() === '')
    throw badFlag('out', 'is empty', 'pass the run folder to write, e.g. --out runs/vanilla');
  const path = parsePath(raw.path);
  const command = raw.command && raw.command.length > 0 ? [...raw.command] : null;
  const lab = raw.lab ?? false;
  checkCombinations(raw, lab, command !== null);

  const devices = lab ? labDevices(path) : parseDeviceRoles(raw.dev ?? []);
  if (devices.length === 0) {
    throw badFlag(
      'dev',
      'no device roles: events could not be placed on the path',
      'name them, e.g. --dev eth0=underlay, or record the lab with --lab',
    );
  }
  const packets = raw.packets === undefined ? null : parseInteger('packets', raw.packets, 1, 1e12);
  if (packets !== null && !devices.some((d) => d.role === 'underlay')) {
    throw badFlag(
      'packets',
      'counts packets at the outer receive, but no device has the underlay role',
      'add --dev NAME=underlay',
    );
  }
  const probes = parseProbes(raw.probes);
  const filters = {
    saddr: raw.saddr === undefined ? 0 : parseIpv4('saddr', raw.saddr),
    daddr: raw.daddr === undefined ? 0 : parseIpv4('daddr', raw.daddr),
    sport: raw.sport === undefined ? 0 : parsePort('sport', raw.sport),
    dport: raw.dport === undefined ? 0 : parsePort('dport', raw.dport),
    proto: raw.proto === undefined ? 0 : parseProto(raw.proto),
  };
  const filtered = Object.values(filters).some((v) => v !== 0);
  const mode = parseMode(raw, filtered, probes, packets !== null);
  const defaultOneIn = mode === 'aggregate' ? DEFAULT_AGGREGATE_SAMPLE : 1;
  const sampling = {
    oneIn:
      raw.sample === undefined
        ? defaultOneIn
        : parseInteger('sample', raw.sample, 1, 4_294_967_295),
    unit: parseSampleBy(raw.sampleBy),
  };
  const narrowed = filtered || (mode === 'events' && sampling.oneIn > 1) || raw.netns !== undefined;
  if (narrowed && (probes === 'fentry' || probes === 'kprobe')) {
    throw badFlag(
      'probes',
      `filters, --netns and --sample work with the tracepoint program only, not ${probes}`,
      'drop them, or use --probes tracepoint',
    );
  }
  const durationSec = raw.duration === undefined ? null : parseSeconds('duration', raw.duration);
  const tracer = parseTracer(raw.tracer, nativeCannot(raw, filtered, probes, packets !== null));
  return {
    out: raw.out,
    force: raw.force ?? false,
    label: raw.label === undefined || raw.label.trim() === '' ? null : raw.label.trim(),
    durationSec: durationSec ?? (lab ? DEFAULT_LAB_DURATION_SEC : null),
    packets,
    filters,
    netns: raw.netns === undefined ? null : parseNetnsName(raw.netns),
    sampling,
    mode,
    tracer,
    checkpoints: parseCheckpoints(raw.checkpoints, tracer),
    probes,
    path,
    devices,
    lab: lab
      ? {
          path,
          kind: parseWorkload(raw.workload),
          ratePerSec: raw.rate === undefined ? 0 : parseInteger('rate', raw.rate, 1, 10_000_000),
          payloadBytes:
            raw.payload === undefined ? 64 : parseInteger('payload', raw.payload, 1, 1400),
        }
      : null,
    command,
    cpu: raw.cpu
      ? {
          frequencyHz:
            raw.cpuFreq === undefined ? 99 : parseInteger('cpu-freq', raw.cpuFreq, 1, 10_000),
        }
      : null,
  };
}

function checkCombinations(raw: RawRecordFlags, lab: boolean, hasCommand: boolean): void {
  if (lab && hasCommand) {
    throw badFlag(
      'lab',
      'runs its own workload; a command after -- cannot run as well',
      'drop --lab, or drop the command',
    );
  }
  if (lab && raw.dev !== undefined && raw.dev.length > 0) {
    throw badFlag('dev', 'the lab names its own devices', 'drop --dev when recording with --lab');
  }
  for (const [flag, value] of [
    ['workload', raw.workload],
    ['rate', raw.rate],
    ['payload', raw.payload],
  ] as const) {
    if (!lab && value !== undefined)
      throw badFlag(flag, 'needs --lab', `add --lab, or drop --${flag}`);
  }
  if (raw.sampleBy !== undefined && raw.sample === undefined) {
    throw badFlag('sample-by', 'needs --sample N', 'add e.g. --sample 10');
  }
  if (raw.cpuFreq !== undefined && !raw.cpu) throw badFlag('cpu-freq', 'needs --cpu', 'add --cpu');
}

/**
 * aggregate unless something only the per-event programs do is asked for: filters, --packets
 * (counted from printed events), whole-flow sampling, function probes. An explicit
 * `--mode aggregate` with one of those is refused rather than silently changed.
 */
function parseMode(
  raw: RawRecordFlags,
  filtered: boolean,
  probes: ForcedProbes | null,
  packets: boolean,
): RecordMode {
  if (raw.mode !== undefined && raw.mode !== 'aggregate' && raw.mode !== 'events') {
    throw badFlag(
      'mode',
      `"${raw.mode}" is not aggregate or events`,
      'pass --mode aggregate or --mode events',
    );
  }
  const needsEvents: [string, boolean][] = [
    ['address, port and protocol filters', filtered],
    ['--packets', packets],
    ['--sample-by flow', raw.sampleBy === 'flow'],
    [`--probes ${probes ?? ''}`, probes === 'fentry' || probes === 'kprobe'],
  ];
  const reason = needsEvents.find(([, on]) => on)?.[0];
  if (raw.mode === 'aggregate' && reason !== undefined) {
    throw badFlag('mode', `aggregate does not support ${reason}`, 'use --mode events');
  }
  if (raw.mode === 'events') return 'events';
  return reason === undefined ? 'aggregate' : 'events';
}

/** What the native recorder does not do, as a flag list; undefined when it does the request. */
function nativeCannot(
  raw: RawRecordFlags,
  filtered: boolean,
  probes: ForcedProbes | null,
  packets: boolean,
): string | undefined {
  const reasons: [string, boolean][] = [
    ['address, port and protocol filters', filtered],
    ['--packets', packets],
    ['--sample-by flow', raw.sampleBy === 'flow'],
    [`--probes ${probes ?? ''}`, probes !== null],
  ];
  return reasons.find(([, on]) => on)?.[0];
}

/** --tracer; bpftrace when the request needs what only the bpftrace programs do. */
function parseTracer(text: string | undefined, cannot: string | undefined): Tracer | null {
  if (text !== undefined && text !== 'native' && text !== 'bpftrace') {
    throw badFlag(
      'tracer',
      `"${text}" is not native or bpftrace`,
      'pass --tracer native or --tracer bpftrace',
    );
  }
  if (text === 'native' && cannot !== undefined) {
    throw badFlag('tracer', `native does not support ${cannot}`, 'drop --tracer native');
  }
  if (cannot !== undefined) return 'bpftrace';
  return text ?? null;
}

function parseCheckpoints(text: string | undefined, tracer: Tracer | null): CheckpointSet | null {
  if (text === undefined) return null;
  if (text !== 'receive' && text !== 'all') {
    throw badFlag(
      'checkpoints',
      `"${text}" is not receive or all`,
      'pass --checkpoints receive or --checkpoints all',
    );
  }
  if (tracer === 'bpftrace') {
    throw badFlag(
      'checkpoints',
      "chooses the native recorder's probes; the bpftrace programs probe every point",
      'drop --checkpoints',
    );
  }
  return text;
}

function parsePath(text: string | undefined): PathKind {
  if (text === undefined || text === 'overlay') return 'overlay';
  if (text === 'host') return 'host';
  throw badFlag('path', `"${text}" is not overlay or host`, 'pass --path overlay or --path host');
}

function parseWorkload(text: string | undefined): WorkloadKind {
  if (text === undefined) return 'udp-rr';
  if ((WORKLOAD_KINDS as readonly string[]).includes(text)) return text as WorkloadKind;
  throw badFlag(
    'workload',
    `"${text}" is not one of ${WORKLOAD_KINDS.join(', ')}`,
    'pass e.g. --workload udp-rr',
  );
}

function parseProbes(text: string | undefined): ForcedProbes | null {
  if (text === undefined) return null;
  if ((PROBES as readonly string[]).includes(text)) return text as ForcedProbes;
  throw badFlag(
    'probes',
    `"${text}" is not one of ${PROBES.join(', ')}`,
    'pass e.g. --probes tracepoint',
  );
}

function parseSampleBy(text: string | undefined): 'packet' | 'flow' {
  if (text === undefined || text === 'packet') return 'packet';
  if (text === 'flow') return 'flow';
  throw badFlag(
    'sample-by',
    `"${text}" is not packet or flow`,
    'pass --sample-by packet or --sample-by flow',
  );
}
