/**
 * A hand-built ReportModel for the renderer tests: a vanilla overlay run, a synthetic ECON run
 * and a host run, with one comparison per non-first run. Numbers are shaped like the lab's
 * (tens of µs end to end, ECON skipping stages 3 to 9) but made up. The host run's label, a
 * status reason and an ingest example carry markup, a pipe and backticks to prove escaping.
 * The vanilla and ECON runs carry CPU stack samples (sample-cpu.ts); the host run has none.
 */
import type { CheckpointId, Phase } from '../../src/model/checkpoint.js';
import type {
  Comparison,
  Delta,
  LatencySummary,
  ReportModel,
  RunReport,
  StageDelta,
  StageStats,
} from '../../src/model/report.js';
import { compareCpu } from '../../src/cpu/compare-cpu.js';
import { buildEconCpu, buildVanillaCpu } from './sample-cpu.js';

export const HOSTILE = '<script>alert(1)</script>';

function lat(count: number, p50Ns: number, meanNs: number): LatencySummary {
  // Shape the tail from the median so every stage has a plausible, distinct distribution.
  return {
    count,
    minNs: Math.round(p50Ns * 0.4),
    meanNs,
    p50Ns,
    p90Ns: Math.round(p50Ns * 1.8),
    p99Ns: Math.round(p50Ns * 4.5),
    p999Ns: Math.round(p50Ns * 11),
    maxNs: Math.round(p50Ns * 60),
  };
}

function stage(
  from: CheckpointId,
  to: CheckpointId,
  phase: Phase,
  count: number,
  p50Ns: number,
  meanNs: number,
): StageStats {
  return { name: `${from}>${to}`, from, to, phase, latency: lat(count, p50Ns, meanNs) };
}

function delta(baselineNs: number, candidateNs: number, ci: boolean): Delta {
  const deltaNs = candidateNs - baselineNs;
  return {
    baselineNs,
    candidateNs,
    deltaNs,
    deltaRel: baselineNs === 0 ? null : deltaNs / baselineNs,
    ci95Ns: ci ? [Math.round(deltaNs * 1.1), Math.round(deltaNs * 0.9)] : null,
  };
}

function stageDelta(name: string, base: LatencySummary, cand: LatencySummary): StageDelta {
  return {
    name,
    p50: delta(base.p50Ns, cand.p50Ns, true),
    p99: delta(base.p99Ns, cand.p99Ns, cand.count >= 100),
    mean: delta(Math.round(base.meanNs), Math.round(cand.meanNs), true),
  };
}

function vanillaRun(): RunReport {
  const n = 120_000;
  return {
    source: 'fixtures/runs/overlay-vanilla',
    label: 'vanilla 6.18 overlay',
    synthetic: { value: false, description: '' },
    path: 'overlay',
    kernel: { release: '6.18.0-1-cloud-amd64', econ: false, econEnabled: false },
    recorder: 'econ-trace record 0.1.0 (bpftrace 0.17.0)',
    status: 'complete',
    statusReason: '',
    durationNs: 4_020_511_337,
    ingest: {
      linesRead: 960_214,
      eventsAccepted: 960_000,
      lostEvents: 180,
      issues: [
        {
          reason: 'malformed-line',
          count: 3,
          examples: [
            { file: 'events/packets.csv', line: 17, text: '1673881185,1,netif_rx' },
            { file: 'events/packets.csv', line: 90_210, text: ',,,,' },
          ],
        },
        {
          reason: 'unclassified-device',
          count: 31,
          examples: [
            {
              file: 'events/packets.csv',
              line: 4_411,
              text: `167388120001,0,netif_receive_skb,${HOSTILE}|\`eth9\`,ffff88810a288d00,70`,
            },
          ],
        },
        { reason: 'lost-events', count: 180, examples: [] },
      ],
    },
    packets: {
      total: n,
      complete: 117_600,
      completeness: 0.98,
      wirePackets: n,
      clonesLinked: 12,
      crossCpuHops: 2_400,
      endedBy: { freed: 119_000, timeout: 950, endOfTrace: 50 },
      expectedCheckpoints: ['nic_rx', 'outer_rcv', 'inner_rcv', 'veth_xmit', 'backlog'],
    },
    checkpoints: [
      { checkpoint: 'nic_rx', packets: 120_000 },
      { checkpoint: 'outer_rcv', packets: 119_990 },
      { checkpoint: 'inner_rcv', packets: 119_700 },
      { checkpoint: 'veth_xmit', packets: 119_650 },
      { checkpoint: 'backlog', packets: 119_600 },
      { checkpoint: 'container_rcv', packets: 119_580 },
      { checkpoint: 'sock_ready', packets: 118_000 },
      { checkpoint: 'app_read', packets: 117_600 },
    ],
    stages: [
      stage('nic_rx', 'outer_rcv', 'outer', 119_990, 850, 910.4),
      stage('outer_rcv', 'inner_rcv', 'decap', 119_700, 9_800, 11_240.7),
      stage('inner_rcv', 'veth_xmit', 'bridge', 119_650, 1_900, 2_050.2),
      stage('veth_xmit', 'backlog', 'bridge', 119_600, 420, 455.5),
      stage('backlog', 'container_rcv', 'container', 119_580, 6_300, 7_010.9),
      stage('container_rcv', 'sock_ready', 'socket', 118_000, 2_400, 2_690.1),
      stage('sock_ready', 'app_read', 'socket', 117_600, 14_500, 18_320.3),
    ],
    endToEnd: [
      {
        name: 'outer_rcv>sock_ready',
        latency: lat(118_000, 21_300, 23_447.4),
        cdf: [
          { q: 0, ns: 8_520 },
          { q: 0.1, ns: 15_100 },
          { q: 0.25, ns: 18_000 },
          { q: 0.5, ns: 21_300 },
          { q: 0.75, ns: 27_900 },
          { q: 0.9, ns: 38_340 },
          { q: 0.99, ns: 95_850 },
          { q: 0.999, ns: 234_300 },
          { q: 1, ns: 1_278_000 },
        ],
      },
      { name: 'outer_rcv>app_read', latency: lat(117_600, 36_100, 41_767.7) },
    ],
    flows: [
      {
        flow: { saddr: '10.233.1.2', daddr: '10.233.2.2', sport: 40_000, dport: 5_201, proto: 17 },
        packets: 119_000,
        endToEnd: lat(117_000, 21_250, 23_400.2),
        econHits: 0,
        econMisses: 0,
      },
      {
        flow: { saddr: '', daddr: '10.233.2.2', sport: -1, dport: 5_201, proto: -1 },
        packets: 1_000,
        endToEnd: null,
        econHits: 0,
        econMisses: 0,
      },
    ],
    cpus: [
      { cpu: 0, hops: 600_000 },
      { cpu: 1, hops: 230_000 },
      { cpu: -1, hops: 2_000 },
    ],
    econ: null,
    cpu: buildVanillaCpu(n),
  };
}

function econRun(): RunReport {
  const n = 120_000;
  const hitRateOverTime = [0.62, 0.97, 0.99, 0.99, 0.985].map((rate, i) => {
    const seen = 24_000;
    const hits = Math.round(seen * rate);
    return { startNs: 120_000_000 + i * 1_000_000_000, widthNs: 1e9, hits, misses: seen - hits };
  });
  const hits = hitRateOverTime.reduce((s, b) => s + b.hits, 0);
  const misses = hitRateOverTime.reduce((s, b) => s + b.misses, 0);
  return {
    ...vanillaRun(),
    source: 'fixtures/runs/overlay-econ-synthetic',
    label: 'econ 5.15 overlay',
    synthetic: {
      value: true,
      description: 'generated from the vanilla run: stages 3-9 removed for cached flows',
    },
    kernel: { release: '5.15.0-econ', econ: true, econEnabled: true },
    recorder: 'generator 0.1.0',
    durationNs: 5_000_000_000,
    ingest: { linesRead: 600_001, eventsAccepted: 600_000, lostEvents: 0, issues: [] },
    packets: {
      total: n,
      complete: 119_880,
      completeness: 0.999,
      wirePackets: n,
      clonesLinked: 0,
      crossCpuHops: 300,
      endedBy: { freed: 120_000, timeout: 0, endOfTrace: 0 },
      expectedCheckpoints: ['nic_rx', 'outer_rcv', 'sock_ready', 'app_read'],
    },
    checkpoints: [
      { checkpoint: 'nic_rx', packets: 120_000 },
      { checkpoint: 'outer_rcv', packets: 120_000 },
      { checkpoint: 'econ_rx', packets: 120_000 },
      { checkpoint: 'sock_ready', packets: 119_950 },
      { checkpoint: 'app_read', packets: 119_880 },
    ],
    stages: [
      stage('nic_rx', 'outer_rcv', 'outer', 120_000, 840, 902.1),
      stage('outer_rcv', 'econ_rx', 'outer', 120_000, 310, 330.8),
      stage('econ_rx', 'sock_ready', 'socket', 119_950, 9_900, 10_870.5),
      stage('sock_ready', 'app_read', 'socket', 119_880, 14_300, 18_010.6),
    ],
    endToEnd: [
      { name: 'outer_rcv>sock_ready', latency: lat(119_950, 12_400, 13_611.2) },
      { name: 'outer_rcv>app_read', latency: lat(119_880, 26_900, 31_700.9) },
    ],
    flows: [
      {
        flow: { saddr: '10.233.1.2', daddr: '10.233.2.2', sport: 40_000, dport: 5_201, proto: 17 },
        packets: 120_000,
        endToEnd: lat(119_950, 12_400, 13_611.2),
        econHits: hits,
        econMisses: misses,
      },
    ],
    cpus: [
      { cpu: 0, hops: 420_000 },
      { cpu: 1, hops: 60_000 },
    ],
    econ: {
      rx: { hit: hits, already: 0, miss: misses, drop: 2, other: 0 },
      hitRate: hits / (hits + misses),
      hitRateOverTime,
      inserts: misses,
      removals: 1,
      flushes: 0,
      deliver: { delivered: hits, notDelivered: 0 },
      tx: { sentFast: 0, notTcpUdp: 0, notCached: 0, pushFailed: 0, other: 0 },
      txInserts: { inserted: 0, disabled: 0, filtered: 0 },
    },
    cpu: buildEconCpu(n),
  };
}

function hostRun(): RunReport {
  const base = vanillaRun();
  return {
    ...base,
    source: 'fixtures/runs/host',
    label: `host \`no overlay\` | ${HOSTILE}`,
    path: 'host',
    status: 'partial',
    statusReason: 'workload failed: iperf3 exited 1 | see `raw/iperf3.log`',
    durationNs: 2_500_000_000,
    ingest: { linesRead: 300_000, eventsAccepted: 299_990, lostEvents: 0, issues: [] },
    packets: {
      ...base.packets,
      total: 60_000,
      complete: 42_000,
      completeness: 0.7,
      wirePackets: 60_000,
      endedBy: { freed: 42_000, timeout: 0, endOfTrace: 18_000 },
      expectedCheckpoints: ['nic_rx', 'outer_rcv', 'sock_ready', 'app_read'],
    },
    checkpoints: [
      { checkpoint: 'nic_rx', packets: 60_000 },
      { checkpoint: 'outer_rcv', packets: 60_000 },
      { checkpoint: 'sock_ready', packets: 59_000 },
      { checkpoint: 'app_read', packets: 42_000 },
    ],
    stages: [
      stage('nic_rx', 'outer_rcv', 'outer', 60_000, 830, 890.0),
      stage('outer_rcv', 'sock_ready', 'socket', 59_000, 7_100, 7_900.4),
      stage('sock_ready', 'app_read', 'socket', 42_000, 14_000, 17_500.0),
    ],
    endToEnd: [{ name: 'outer_rcv>sock_ready', latency: lat(59_000, 7_100, 7_900.4) }],
    flows: [],
    cpus: [{ cpu: 1, hops: 161_000 }],
    econ: null,
    // Recorded without --cpu: every renderer must say so.
    cpu: null,
  };
}

function compare(base: RunReport, cand: RunReport, headline: string): Comparison {
  const common = base.stages.filter((s) => cand.stages.some((c) => c.name === s.name));
  const e2e = base.endToEnd.filter((s) => cand.endToEnd.some((c) => c.name === s.name));
  const find = <T extends { name: string }>(list: T[], name: string): T => {
    const hit = list.find((x) => x.name === name);
    if (!hit) throw new Error(`fixture: no ${name}`);
    return hit;
  };
  return {
    baseline: base.label,
    candidate: cand.label,
    stages: common.map((s) => stageDelta(s.name, s.latency, find(cand.stages, s.name).latency)),
    endToEnd: e2e.map((s) => stageDelta(s.name, s.latency, find(cand.endToEnd, s.name).latency)),
    skippedByCandidate: base.stages
      .filter((s) => !cand.stages.some((c) => c.name === s.name))
      .map((s) => s.name),
    onlyInCandidate: cand.stages
      .filter((s) => !base.stages.some((c) => c.name === s.name))
      .map((s) => s.name),
    headline,
    ciMethod: 'bootstrap of the difference of quantiles, 1000 resamples, percentile interval',
    ...(base.cpu && cand.cpu ? { cpu: compareCpu(base.cpu, cand.cpu) } : {}),
  };
}

/** The three-run sample model. */
export function buildSampleModel(): ReportModel {
  const runs = [vanillaRun(), econRun(), hostRun()];
  const [vanilla, econ, host] = runs as [RunReport, RunReport, RunReport];
  return {
    schemaVersion: 1,
    generator: { name: 'econ-trace', version: '0.1.0' },
    percentileMethod: 'HdrHistogram, 3 significant digits (relative error under 0.1%)',
    runs,
    comparisons: [
      compare(vanilla, econ, 'end-to-end p50 -41.8%, p99 -41.8%, ECON hit rate 91.1%'),
      compare(vanilla, host, 'end-to-end p50 -66.7%, p99 -66.7%'),
    ],
    charts: [
      { id: 'stage-breakdown', title: 'Where the time goes: mean time per packet in each stage' },
      { id: 'latency-cdf', title: 'End-to-end latency CDF' },
      { id: 'stage-percentiles', title: 'Per-stage latency percentiles (p50, p90, p99)' },
      { id: 'hit-rate', title: 'ECON hit rate over time' },
      { id: 'checkpoints', title: 'Packets reaching each checkpoint' },
      { id: 'stage-flame', title: 'Stage-time flame: phases and their stages, time per packet' },
      { id: 'cpu-flame', title: 'CPU flame graph: networking CPU time per packet by stack' },
      {
        id: 'cpu-diff-flame',
        title: 'Differential CPU flame graph per packet: candidate against baseline',
      },
    ],
  };
}

/** The sample model without its ECON run: the hit-rate chart must say there is none. */
export function buildNoEconModel(): ReportModel {
  const model = buildSampleModel();
  return {
    ...model,
    runs: model.runs.filter((r) => r.econ === null),
    comparisons: model.comparisons.filter((c) => c.candidate !== 'econ 5.15 overlay'),
  };
}
