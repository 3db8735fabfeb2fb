/**
 * One run folder through the whole offline pipeline, in one streaming pass:
 * read the manifest -> parse event batches -> (every event) ECON counters and the joiner ->
 * (every closed packet timeline) the run summariser -> RunAnalysis.
 * Nothing here holds events: memory is bounded by packets in flight and the reorder window.
 */
import type { TraceEvent } from '../model/event.js';
import { createIngestCounters } from '../model/ingest.js';
import type { RunAnalysis } from '../analyse/run-analysis.js';
import { createRunSummariser } from '../analyse/summarise-run.js';
import { createTimelineJoiner } from '../join/join-timelines.js';
import { expectedCheckpoints } from '../join/expected-checkpoints.js';
import { openRunEvents } from '../run-folder/open-run-events.js';
import { readRunFolder } from '../run-folder/read-run-folder.js';

export interface AnalyseProgress {
  source: string;
  events: number;
  packets: number;
}

export async function analyseRun(
  dir: string,
  onProgress?: (p: AnalyseProgress) => void,
): Promise<RunAnalysis> {
  const folder = await readRunFolder(dir);
  const { manifest } = folder;
  const counters = createIngestCounters();
  const summariser = createRunSummariser({
    source: dir,
    manifest,
    expected: (econ) => expectedCheckpoints(manifest.path, manifest.probePlan, econ),
  });
  let packets = 0;
  const joiner = createTimelineJoiner({
    devices: manifest.devices,
    path: manifest.path,
    counters,
    onTimeline: (t) => {
      packets += 1;
      summariser.addTimeline(t);
    },
  });
  let events = 0;
  const origin = { originSec: null };
  for await (const batch of openRunEvents(folder, { origin, counters })) {
    feedBatch(batch, summariser.addEvent, joiner.push);
    events += batch.length;
    onProgress?.({ source: dir, events, packets });
  }
  joiner.finish();
  // The recorder's own count (bpftrace/perf summaries) can exceed what the event file shows.
  counters.lostEvents = Math.max(counters.lostEvents, manifest.lostEvents);
  onProgress?.({ source: dir, events, packets });
  return summariser.finish(counters);
}

function feedBatch(
  batch: TraceEvent[],
  addEvent: (ev: TraceEvent) => void,
  push: (ev: TraceEvent) => void,
): void {
  for (const ev of batch) {
    addEvent(ev);
    push(ev);
  }
}
