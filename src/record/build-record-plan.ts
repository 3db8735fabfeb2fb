/**
 * Flags and machine facts to a recording plan, with no I/O. Filter values reach bpftrace only as
 * validated numbers in positional parameters (buildTracepointParams, formatPositional); program
 * text is econ-trace's own (bpftrace/), never assembled from user input.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUN_SCHEMA_VERSION, type ProbePlanEntry, type RunManifest } from '../model/manifest.js';
import { planProbes, type ProbeCapabilities } from '../doctor/plan-probes.js';
import { BPFTRACE_DIR } from '../tools/compose-bpftrace-program.js';
import { formatPositional } from '../tools/tool-argv.js';
import { KERNEL_RELATIVE_ERROR } from '../analyse/kernel-buckets.js';
import { pickFentrySpelling } from '../tools/tool-version.js';
import type { NativeRecorder } from '../tools/build-native-recorder.js';
import type { WorkloadPlan } from '../lab/index.js';
import type { HostFacts } from './host-facts.js';
import { RUN_FILES, type PerfPlan, type RecordPlan, type TracerPlan } from './record-plan.js';
import { nativeCheckpoints, type RecordRequest } from './record-request.js';

export const TRACEPOINT_SCRIPT = fileURLToPath(new URL('econ-trace-tracepoints.bt', BPFTRACE_DIR));
export const AGGREGATE_SCRIPT = fileURLToPath(new URL('econ-trace-aggregate.bt', BPFTRACE_DIR));

/** @seen holds every skb alive on the lab's devices; bpftrace's default of 4096 keys is tight. */
export const MAP_KEYS_MAX = '65536';

export const CLOCK_SOURCE = 'CLOCK_MONOTONIC (bpftrace nsecs)';
export const NATIVE_CLOCK_SOURCE = 'CLOCK_MONOTONIC (bpf_ktime_get_ns)';

/** What the native recorder attaches for each checkpoint set (native/econ-trace-aggregate.c). */
export const NATIVE_POINTS = {
  receive: [
    'netif_receive_skb',
    'sk_data_ready',
    'skb_copy_datagram_iovec',
    'consume_skb',
    'kfree_skb',
  ],
  all: [
    'net_dev_start_xmit',
    'netif_rx',
    'netif_receive_skb',
    'napi_gro_receive_entry',
    'sk_data_ready',
    'skb_copy_datagram_iovec',
    'consume_skb',
    'kfree_skb',
  ],
} as const;

/**
 * The tracepoint script's positional parameters, in order ($1 .. $9; see its header):
 * excluded netns, saddr, daddr, sport, dport, proto, sample 1-in-N, sample unit, kept netns.
 */
export function buildTracepointParams(request: RecordRequest, facts: HostFacts): number[] {
  const f = request.filters;
  const oneIn = request.sampling.oneIn > 1 ? request.sampling.oneIn : 0;
  return [
    facts.ownNetnsInode,
    f.saddr,
    f.daddr,
    f.sport,
    f.dport,
    f.proto,
    oneIn,
    request.sampling.unit === 'flow' ? 1 : 0,
    facts.netnsInode,
  ];
}

/**
 * The aggregate script's positional parameters ($1 .. $9; see its header): excluded netns, kept
 * netns, timeline sample 1-in-N, host path, then device names by role ('-' = none). Names
 * were validated by parseDeviceRoles (no spaces, commas or slashes, at most 15 bytes).
 */
export function buildAggregateParams(request: RecordRequest, facts: HostFacts): string[] {
  const named = (role: string): string[] =>
    request.devices.filter((d) => d.role === role).map((d) => d.name);
  const [u1 = '-', u2 = '-'] = named('underlay');
  const one = (role: string): string => named(role)[0] ?? '-';
  return [
    ...formatPositional([
      facts.ownNetnsInode,
      facts.netnsInode,
      request.sampling.oneIn,
      request.path === 'host' ? 1 : 0,
    ]),
    u1,
    u2,
    one('vxlan'),
    one('host-veth'),
    one('container'),
  ];
}

function buildTracerPlan(
  request: RecordRequest,
  facts: HostFacts,
  bpftrace: string,
  native: NativeRecorder | null,
): TracerPlan {
  if (native !== null) {
    return {
      name: 'the native recorder',
      command: native.loader,
      args: [native.object, ...buildAggregateParams(request, facts), nativeCheckpoints(request)],
      env: {},
      compose: null,
      eventsOnFd3: true,
    };
  }
  // Line-buffered: the header shows the probes are attached, and progress follows the kernel.
  const common = ['-B', 'line'];
  const env = { BPFTRACE_MAP_KEYS_MAX: MAP_KEYS_MAX };
  if (request.mode === 'aggregate') {
    return {
      name: 'bpftrace',
      command: bpftrace,
      args: [...common, AGGREGATE_SCRIPT, ...buildAggregateParams(request, facts)],
      env,
      compose: null,
    };
  }
  const mechanism = request.probes ?? 'tracepoint';
  if (mechanism === 'tracepoint') {
    const params = formatPositional(buildTracepointParams(request, facts));
    return {
      name: 'bpftrace',
      command: bpftrace,
      args: [...common, TRACEPOINT_SCRIPT, ...params],
      env,
      compose: null,
    };
  }
  const programFile = join(request.out, 'raw', `econ-trace-${mechanism}.bt`);
  return {
    name: 'bpftrace',
    command: bpftrace,
    args: [...common, programFile, ...formatPositional([facts.ownNetnsInode])],
    env,
    compose: {
      mechanism,
      spelling: pickFentrySpelling(facts.bpftraceVersion),
      econ: facts.econ,
      programFile,
    },
  };
}

/**
 * What the program attaches: the native recorder's raw tracepoints, tracepoints for every point,
 * or the forced function probes only.
 */
export function buildProbePlan(
  request: RecordRequest,
  facts: HostFacts,
  native: boolean,
): ProbePlanEntry[] {
  if (native) {
    return NATIVE_POINTS[nativeCheckpoints(request)].map((point) => ({
      point,
      mechanism: 'raw-tracepoint',
      probe: `tp_btf/${point}`,
    }));
  }
  const mechanism = request.probes ?? 'tracepoint';
  const caps: ProbeCapabilities = {
    fentry: mechanism === 'fentry',
    kprobe: mechanism === 'kprobe',
    tracepoint: mechanism === 'tracepoint',
    econ: facts.econ,
    fentrySpelling: pickFentrySpelling(facts.bpftraceVersion),
  };
  // A function-probe run starts one program, the function variant: points only tracepoints
  // reach are not attached, so they are not in the plan either.
  return planProbes(caps, mechanism).filter((e) => e.mechanism === mechanism);
}

function buildPerfPlan(request: RecordRequest, perf: string): PerfPlan | null {
  if (request.cpu === null) return null;
  const dataFile = join(request.out, RUN_FILES.perfData);
  return {
    record: [perf, 'record', '-a', '-g', '-F', String(request.cpu.frequencyHz), '-o', dataFile],
    script: [perf, 'script', '-i', dataFile],
    dataFile,
  };
}

/** `env K=V ...` in front of a command, or nothing when it needs no environment. */
function withEnv(env: Record<string, string>): string[] {
  const pairs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  return pairs.length === 0 ? [] : ['env', ...pairs];
}

function describeVersion(facts: HostFacts, native: boolean): string {
  const tools = [native ? 'native recorder (libbpf)' : `bpftrace ${facts.bpftraceVersion.text}`];
  if (facts.perfVersion) tools.push(`perf ${facts.perfVersion.text}`);
  return `${facts.recorderVersion} (${tools.join(', ')})`;
}

export function buildRecordPlan(opts: {
  request: RecordRequest;
  facts: HostFacts;
  startedAt: string;
  labWorkload: WorkloadPlan | null;
  /** The native recorder, when it is the one to run (pick-native-recorder.ts). */
  native?: NativeRecorder | null;
  bpftrace?: string;
  perf?: string;
}): RecordPlan {
  const { request, facts } = opts;
  const native = request.tracer === 'bpftrace' ? null : (opts.native ?? null);
  // The native recorder keeps the stage histograms in both modes.
  const aggregates = request.mode === 'aggregate' || native !== null;
  const tracer = buildTracerPlan(request, facts, opts.bpftrace ?? 'bpftrace', native);
  const perf = buildPerfPlan(request, opts.perf ?? 'perf');
  const workloadArgv = opts.labWorkload
    ? [opts.labWorkload.server, opts.labWorkload.client]
    : request.command
      ? [request.command]
      : [];
  const kernelShort = facts.kernelRelease.split('-')[0] ?? facts.kernelRelease;
  const manifest: RunManifest = {
    schemaVersion: RUN_SCHEMA_VERSION,
    label: request.label ?? `${facts.econ ? 'ECON' : 'vanilla'} ${kernelShort} ${request.path}`,
    path: request.path,
    kernel: {
      release: facts.kernelRelease,
      version: facts.kernelVersion,
      econ: facts.econ,
      econEnabled: false,
    },
    hostname: facts.hostname,
    recorder: {
      name: 'econ-trace record',
      version: describeVersion(facts, native !== null),
      commands: [
        [...withEnv(tracer.env), tracer.command, ...tracer.args],
        ...workloadArgv,
        ...(perf ? [perf.record, perf.script] : []),
      ],
    },
    probePlan: buildProbePlan(request, facts, native !== null),
    devices: request.devices,
    events: [{ file: RUN_FILES.events, format: 'bpftrace-csv' }],
    ...(aggregates
      ? {
          aggregates: {
            file: RUN_FILES.aggregates,
            format: 'bpftrace-stage-hist' as const,
            relativeError: KERNEL_RELATIVE_ERROR,
          },
        }
      : {}),
    startedAt: opts.startedAt,
    endedAt: null,
    clockSource: native ? NATIVE_CLOCK_SOURCE : CLOCK_SOURCE,
    sampling: { ...request.sampling },
    lostEvents: 0,
    status: 'partial',
    statusReason: 'recording',
    synthetic: { value: false, description: '' },
  };
  return {
    dir: request.out,
    tracer,
    perf,
    labWorkload: opts.labWorkload,
    command: request.command,
    durationSec: request.durationSec,
    packets: request.packets,
    aggregatesFile: aggregates ? join(request.out, RUN_FILES.aggregates) : null,
    packetDevices: request.devices.filter((d) => d.role === 'underlay').map((d) => d.name),
    manifest,
  };
}
