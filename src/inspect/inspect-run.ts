/**
 * What a run folder holds, without joining packets: the manifest in brief, the event files and
 * their sizes, events per probe point and device, the time span, and every ingest problem.
 * One streaming pass over the events; cheap enough to run before a full report.
 */
import { stat } from 'node:fs/promises';
import { createIngestCounters, type IngestCounters } from '../model/ingest.js';
import type { RunManifest } from '../model/manifest.js';
import { openRunEvents } from '../run-folder/open-run-events.js';
import { readRunFolder } from '../run-folder/read-run-folder.js';

export interface InspectResult {
  schemaVersion: 1;
  source: string;
  manifest: RunManifest;
  files: { file: string; format: string; sizeBytes: number }[];
  events: number;
  /** Events per probe point and device ("netif_receive_skb@vxlan0"), sorted by key. */
  byPointAndDevice: { key: string; events: number }[];
  firstTsNs: number | null;
  lastTsNs: number | null;
  durationNs: number;
  distinctSkbs: number | null;
  ingest: IngestCounters;
}

/** Distinct skb addresses are counted only up to this many, to keep memory bounded. */
const MAX_DISTINCT_SKBS = 1_000_000;

export async function inspectRun(dir: string): Promise<InspectResult> {
  const folder = await readRunFolder(dir);
  const counters = createIngestCounters();
  const origin = { originSec: null };
  const perKey = new Map<string, number>();
  const skbs = new Set<string>();
  let skbsOverflow = false;
  let events = 0;
  let first: number | null = null;
  let last: number | null = null;
  for await (const batch of openRunEvents(folder, { origin, counters })) {
    for (const ev of batch) {
      events += 1;
      const key = ev.dev === '' ? ev.point : `${ev.point}@${ev.dev}`;
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      if (first === null || ev.tsNs < first) first = ev.tsNs;
      if (last === null || ev.tsNs > last) last = ev.tsNs;
      if (ev.skb !== '' && !skbsOverflow) {
        skbs.add(ev.skb);
        if (skbs.size > MAX_DISTINCT_SKBS) skbsOverflow = true;
      }
    }
  }
  counters.lostEvents = Math.max(counters.lostEvents, folder.manifest.lostEvents);
  const files = await Promise.all(
    folder.eventFiles.map(async (f) => ({
      file: f.relPath,
      format: f.format,
      sizeBytes: (await stat(f.path)).size,
    })),
  );
  return {
    schemaVersion: 1,
    source: dir,
    manifest: folder.manifest,
    files,
    events,
    byPointAndDevice: [...perKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, n]) => ({ key, events: n })),
    firstTsNs: first,
    lastTsNs: last,
    durationNs: first === null || last === null ? 0 : last - first,
    distinctSkbs: skbsOverflow ? null : skbs.size,
    ingest: counters,
  };
}
