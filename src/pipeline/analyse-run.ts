/**
 * One run folder through the whole offline pipeline, in one streaming pass:
 * read the manifest -> parse event batches (feed-run-events.ts, no object per event) ->
 * (every event) ECON counters and the joiner ->
 * (every closed packet timeline) the run summariser -> RunAnalysis.
 * Nothing here holds events: memory is bounded by packets in flight and the reorder window.
 * When the run folder has perf stack samples (cpu/), they are folded afterwards into
 * RunReport.cpu, per packet of the timelines counted here.
 */
import { join } from 'node:path';
import type { TraceEvent } from '../model/event.js';
import { countIssue, createIngestCounters, type IngestCounters } from '../model/ingest.js';
import type { PacketTimeline } from '../model/timeline.js';
import type { RunAnalysis } from '../analyse/run-analysis.js';
import { createRunSummariser } from '../analyse/summarise-run.js';
import { summariseKernelStages } from '../analyse/kernel-stages.js';
import { readStageHistograms } from '../parse/bpftrace-stage-hist.js';
import { analyseCpu } from '../cpu/analyse-cpu.js';
import { createTimelineJoiner } from '../join/join-timelines.js';
import { expectedCheckpoints } from '../join/expected-checkpoints.js';
import { readRunFolder, type RunFolder } from '../run-folder/read-run-folder.js';
import { feedRunEvents } from './feed-run-events.js';

export interface AnalyseProgress {
  source: string;
  events: number;
  packets: number;
}

export interface TimelineHandlers {
  /** Every event, before the joiner sees it; one reused object: copy what you keep. */
  onEvent?(ev: TraceEvent): void;
  /** Every packet timeline the joiner closes. */
  onTimeline(t: PacketTimeline): void;
  /** After each batch of events: a place to await (e.g. an output stream draining). */
  afterBatch?(): Promise<void> | void;
  onProgress?(p: AnalyseProgress): void;
}

export interface JoinedRun {
  folder: RunFolder;
  counters: IngestCounters;
  events: number;
  packets: number;
}

/**
 * Streams a run folder's events through the joiner (the folder as readRunFolder opened it, and
 * `dir` as given, for progress); what happens to timelines is the caller's.
 */
export async function joinRunTimelines(
  folder: RunFolder,
  dir: string,
  h: TimelineHandlers,
): Promise<JoinedRun> {
  const { manifest } = folder;
  const counters = createIngestCounters();
  let packets = 0;
  const joiner = createTimelineJoiner({
    devices: manifest.devices,
    path: manifest.path,
    counters,
    onTimeline: (t) => {
      packets += 1;
      h.onTimeline(t);
    },
  });
  let events = 0;
  const origin = { originSec: null };
  const onEvent = h.onEvent ?? (() => undefined);
  const { push } = joiner;
  await feedRunEvents(
    folder,
    { origin, counters },
    {
      onEvent: (ev) => {
        onEvent(ev);
        push(ev);
      },
      onBatch: async (n) => {
        events += n;
        h.onProgress?.({ source: dir, events, packets });
        await h.afterBatch?.();
      },
    },
  );
  joiner.finish();
  await h.afterBatch?.();
  // The recorder's own count (bpftrace/perf summaries) can exceed what the event file shows.
  counters.lostEvents = Math.max(counters.lostEvents, manifest.lostEvents);
  h.onProgress?.({ source: dir, events, packets });
  return { folder, counters, events, packets };
}

export async function analyseRun(
  dir: string,
  onProgress?: (p: AnalyseProgress) => void,
): Promise<RunAnalysis> {
  const folder = await readRunFolder(dir);
  const { manifest } = folder;
  // Aggregate recordings: the stage table comes from the kernel's histograms (every packet).
  const aggIngest = createIngestCounters();
  const agg = manifest.aggregates;
  const kernelStages = agg
    ? summariseKernelStages(await readStageHistograms(join(dir, agg.file), agg.file, aggIngest))
    : undefined;
  const summariser = createRunSummariser({
    source: dir,
    manifest,
    expected: (econ) => expectedCheckpoints(manifest.path, manifest.probePlan, econ),
    ...(kernelStages
      ? {
          kernelStages: {
            ...kernelStages,
            relativeError: agg?.relativeError ?? kernelStages.relativeError,
          },
        }
      : {}),
  });
  const { counters } = await joinRunTimelines(folder, dir, {
    onEvent: summariser.addEvent,
    onTimeline: summariser.addTimeline,
    onProgress,
  });
  for (const issue of aggIngest.issues) {
    for (const ex of issue.examples) countIssue(counters, issue.reason, ex, 0);
    countIssue(counters, issue.reason, undefined, issue.count);
  }
  const analysis = summariser.finish(counters);
  const cpu = await analyseCpu(dir, manifest, analysis.report.packets.wirePackets);
  if (cpu !== null) analysis.report.cpu = cpu;
  return analysis;
}
