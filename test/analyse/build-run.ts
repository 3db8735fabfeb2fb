/**
 * Hand-built inputs for the analyse and compare tests: a manifest, packet timelines and raw
 * events with only the fields a test cares about.
 */
import type { CheckpointId } from '../../src/model/checkpoint.js';
import { EMPTY_EVENT, type ProbePoint, type TraceEvent } from '../../src/model/event.js';
import type { RunManifest } from '../../src/model/manifest.js';
import type { EconOutcome, FlowKey, PacketTimeline } from '../../src/model/timeline.js';

export function buildManifest(overrides: Partial<RunManifest> = {}): RunManifest {
  return {
    schemaVersion: 1,
    label: 'hand-built',
    path: 'overlay',
    kernel: { release: '5.15.0-econ', version: '#1 SMP', econ: true, econEnabled: true },
    hostname: 'lab',
    recorder: { name: 'generator', version: '1.0', commands: [] },
    probePlan: [],
    devices: [],
    events: [{ file: 'events/packets.csv', format: 'bpftrace-csv' }],
    startedAt: '2026-01-01T00:00:00Z',
    endedAt: '2026-01-01T00:00:10Z',
    clockSource: 'CLOCK_MONOTONIC (bpftrace nsecs)',
    sampling: { oneIn: 1, unit: 'packet' },
    lostEvents: 0,
    status: 'complete',
    statusReason: '',
    synthetic: { value: true, description: 'hand-built test run' },
    ...overrides,
  };
}

/** [checkpoint, tsNs, cpu] per hop. */
export type HopSpec = [CheckpointId, number, number];

export function buildTimeline(
  hops: HopSpec[],
  more: Partial<Omit<PacketTimeline, 'hops'>> = {},
): PacketTimeline {
  return {
    skb: 'ffff888100000000',
    hops: hops.map(([checkpoint, tsNs, cpu]) => ({ checkpoint, tsNs, cpu, dev: '' })),
    flow: null,
    hash: -1,
    lenBytes: -1,
    segs: 1,
    econ: null,
    clones: 0,
    end: 'freed',
    ...more,
  };
}

export function buildFlow(sport: number, saddr = '10.0.1.2'): FlowKey {
  return { saddr, daddr: '10.0.2.2', sport, dport: 5201, proto: 17 };
}

export function buildEvent(point: ProbePoint, tsNs: number, ret: number | null = null): TraceEvent {
  return { ...EMPTY_EVENT, point, tsNs, ret };
}

/** Full path for packets ECON did not fast-path, the short one for hits. */
export function expectedForTest(econ: EconOutcome | null): CheckpointId[] {
  return econ === 'hit'
    ? ['outer_rcv', 'sock_ready']
    : ['outer_rcv', 'inner_rcv', 'container_rcv', 'sock_ready'];
}
