/**
 * What a recording cost and lost, printed at the end of every `record` run: events printed per
 * second, events lost, and in aggregate mode the packets the kernel aggregated against those
 * whose events were printed (read back from the aggregates file bpftrace wrote at exit).
 */
import { readFile } from 'node:fs/promises';
import { createIngestCounters } from '../model/ingest.js';
import { parseStageHistograms } from '../parse/bpftrace-stage-hist.js';

export interface RecordCost {
  /** Wall time from attach to stop, seconds. */
  seconds: number;
  /** Event lines bpftrace printed (every event in events mode; sampled packets' in aggregate). */
  eventsPrinted: number;
  eventsPerSec: number;
  /** Events bpftrace reported lost. */
  lostEvents: number;
  /** Aggregate mode: packets aggregated in the kernel (all of them); null in events mode. */
  packetsAggregated: number | null;
  /** Aggregate mode: packets whose events were printed; null in events mode. */
  packetsSampled: number | null;
  /** Aggregate mode: stage intervals added to the kernel histograms; null in events mode. */
  stagesAggregated: number | null;
}

/** Counts from the aggregates file; null fields when it is missing or not that format. */
export async function readAggregateCounts(
  file: string | null,
): Promise<Pick<RecordCost, 'packetsAggregated' | 'packetsSampled' | 'stagesAggregated'>> {
  const none = { packetsAggregated: null, packetsSampled: null, stagesAggregated: null };
  if (file === null) return none;
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return none;
  try {
    const hist = parseStageHistograms(text, file, createIngestCounters());
    let stages = 0;
    for (const h of hist.stages.values()) for (const n of h.buckets.values()) stages += n;
    return {
      packetsAggregated: hist.packets,
      packetsSampled: hist.sampled,
      stagesAggregated: stages,
    };
  } catch {
    return none;
  }
}

/** One line, e.g. "cost: 5.0 s, 1200 events printed (240/s), 0 lost; aggregated 500000 ...". */
export function formatRecordCost(c: RecordCost): string {
  const base = `cost: ${c.seconds.toFixed(1)} s, ${c.eventsPrinted} events printed (${Math.round(c.eventsPerSec)}/s), ${c.lostEvents} lost`;
  if (c.packetsAggregated === null) return base;
  return `${base}; in-kernel: ${c.packetsAggregated} packets aggregated (${c.stagesAggregated ?? 0} stage intervals), ${c.packetsSampled ?? 0} sampled as timelines`;
}
