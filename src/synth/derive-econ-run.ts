/**
 * Derives a synthetic ECON run folder from a real vanilla overlay run: join the vanilla events
 * into packets, replay them in arrival order through a modelled per-CPU flow cache
 * (derive-econ-packet.ts), write the result as bpftrace CSV with a manifest that says synthetic,
 * and, when the source has CPU stack samples, ECON's version of them (derive-econ-cpu.ts).
 * Deterministic: the same input gives the same bytes. It holds the run in memory, so it is meant
 * for fixture-sized inputs and refuses large ones.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EMPTY_EVENT, type TraceEvent } from '../model/event.js';
import { createIngestCounters } from '../model/ingest.js';
import type { RunManifest } from '../model/manifest.js';
import type { PacketTimeline } from '../model/timeline.js';
import { createTimelineJoiner } from '../join/join-timelines.js';
import { BPFTRACE_CSV_HEADER, formatBpftraceCsvLine } from '../parse/bpftrace-csv-format.js';
import { readOwnVersion } from '../pipeline/own-version.js';
import { openRunEvents } from '../run-folder/open-run-events.js';
import { readRunFolder } from '../run-folder/read-run-folder.js';
import { writeManifest } from '../run-folder/write-manifest.js';
import { deriveEconCpu } from './derive-econ-cpu.js';
import { derivePacket, type FlowCache } from './derive-econ-packet.js';
import { describeEconModel, DEFAULT_ECON_MODEL, type EconModel } from './econ-model.js';
import { packetToEvents } from './timeline-to-events.js';

const MAX_EVENTS = 2_000_000;
const EVENT_FILE = 'events/packets.csv.gz';
const CPU_FILE = 'cpu/perf-script.txt.gz';

export interface DeriveSummary {
  packets: number;
  hits: number;
  misses: number;
  events: number;
  /** CPU samples of the source, those a hit skips, removed and ECON samples added; null without. */
  cpu: { samples: number; eligible: number; removed: number; added: number } | null;
}

export async function deriveEconRun(
  sourceDir: string,
  outDir: string,
  command: string[],
  model: EconModel = DEFAULT_ECON_MODEL,
): Promise<DeriveSummary> {
  const folder = await readRunFolder(sourceDir);
  const source = folder.manifest;
  if (source.path !== 'overlay' || source.synthetic.value || source.kernel.econ) {
    throw new Error(`${sourceDir}: the ECON generator needs a real vanilla overlay run`);
  }
  const origin = { originSec: null as number | null };
  const timelines = await joinAll(folder, origin);
  const cache: FlowCache = new Set();
  const events: TraceEvent[] = [];
  const summary: DeriveSummary = {
    packets: timelines.length,
    hits: 0,
    misses: 0,
    events: 0,
    cpu: null,
  };
  for (const t of timelines) {
    const derived = derivePacket(t, cache, model);
    for (const e of derived.econ) {
      if (e.point === 'econ_rx') summary[e.ret === 0 ? 'hits' : 'misses'] += 1;
    }
    events.push(...packetToEvents(t, derived.hops, derived.econ));
  }
  events.push(...flowRemovals(cache, events));
  // Stable sort: events of one packet at the same nanosecond keep their path order.
  events.sort((a, b) => a.tsNs - b.tsNs);
  summary.events = events.length;
  const lines = [
    BPFTRACE_CSV_HEADER,
    ...events.map((e) => formatBpftraceCsvLine(e, origin.originSec ?? 0)),
  ];
  await mkdir(join(outDir, 'events'), { recursive: true });
  await writeFile(join(outDir, EVENT_FILE), gzipSync(`${lines.join('\n')}\n`, { level: 9 }));
  const cpu = await deriveEconCpu(sourceDir, summary.hits, summary.misses, model);
  if (cpu !== null) {
    await mkdir(join(outDir, 'cpu'), { recursive: true });
    await writeFile(
      join(outDir, CPU_FILE),
      gzipSync(Buffer.from(cpu.text, 'latin1'), { level: 9 }),
    );
    const { samples, eligible, removed, added } = cpu;
    summary.cpu = { samples, eligible, removed, added };
  }
  await writeManifest(outDir, econManifest(source, sourceDir, command, model));
  return summary;
}

async function joinAll(
  folder: Awaited<ReturnType<typeof readRunFolder>>,
  origin: { originSec: number | null },
): Promise<PacketTimeline[]> {
  const timelines: PacketTimeline[] = [];
  const counters = createIngestCounters();
  const joiner = createTimelineJoiner({
    devices: folder.manifest.devices,
    path: folder.manifest.path,
    counters,
    // Copied: the joiner may reuse its own objects once a timeline is handed over.
    onTimeline: (t) => timelines.push(structuredClone(t)),
  });
  let seen = 0;
  for await (const batch of openRunEvents(folder, { origin, counters })) {
    seen += batch.length;
    if (seen > MAX_EVENTS)
      throw new Error(`more than ${MAX_EVENTS} events: use a shorter source run`);
    for (const ev of batch) joiner.push(ev);
  }
  joiner.finish();
  const firstTs = (t: PacketTimeline): number => t.hops[0]?.tsNs ?? 0;
  return timelines.sort((a, b) => firstTs(a) - firstTs(b));
}

/** Each cached flow's socket closes after the last packet: one econ_rx_remove per flow. */
function flowRemovals(cache: FlowCache, events: TraceEvent[]): TraceEvent[] {
  const lastTs = events.reduce((m, e) => (e.tsNs > m ? e.tsNs : m), 0);
  const flows = [...new Set([...cache].map((key) => key.slice(key.indexOf('|') + 1)))].sort();
  return flows.map((_, i) => ({
    ...EMPTY_EVENT,
    point: 'econ_rx_remove',
    tsNs: lastTs + 1000 * (i + 1),
    cpu: 0,
  }));
}

function econManifest(
  source: RunManifest,
  sourceDir: string,
  command: string[],
  model: EconModel,
): RunManifest {
  const econPoints = ['econ_rx', 'econ_rx_deliver', 'econ_rx_insert', 'econ_rx_remove'] as const;
  return {
    ...source,
    label: 'ECON overlay',
    kernel: { ...source.kernel, econ: true, econEnabled: true },
    recorder: { name: 'econ-trace ECON generator', version: readOwnVersion(), commands: [command] },
    probePlan: [
      ...source.probePlan,
      ...econPoints.map((point) => ({
        point,
        mechanism: 'synthetic' as const,
        probe: `model:${point}`,
      })),
    ],
    events: [{ file: EVENT_FILE, format: 'bpftrace-csv' }],
    synthetic: { value: true, description: describeEconModel(sourceDir, model) },
  };
}
