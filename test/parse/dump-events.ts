/**
 * Readable, normalised text of parsed events and ingest counters for golden files: one event
 * per line, fixed field order, only TraceEvent's own fields, strings JSON-quoted so odd bytes show.
 */
import type { TraceEvent } from '../../src/model/event.js';
import type { IngestCounters } from '../../src/model/ingest.js';

function formatEvent(ev: TraceEvent): string {
  return [
    `ts=${ev.tsNs}`,
    `cpu=${ev.cpu}`,
    `point=${ev.point}`,
    `dev=${JSON.stringify(ev.dev)}`,
    `skb=${ev.skb}`,
    `len=${ev.lenBytes}`,
    `hash=${ev.hash}`,
    `saddr=${ev.saddr}`,
    `daddr=${ev.daddr}`,
    `sport=${ev.sport}`,
    `dport=${ev.dport}`,
    `proto=${ev.proto}`,
    `segs=${ev.segs}`,
    `ret=${ev.ret ?? '-'}`,
  ].join(' ');
}

export function dumpEvents(events: readonly TraceEvent[], counters: IngestCounters): string {
  const lines = events.map(formatEvent);
  lines.push(
    `# linesRead=${counters.linesRead} eventsAccepted=${counters.eventsAccepted} lostEvents=${counters.lostEvents}`,
  );
  for (const issue of counters.issues) {
    lines.push(`# issue ${issue.reason} count=${issue.count}`);
    for (const ex of issue.examples) {
      lines.push(`#   ${ex.file}:${ex.line} ${JSON.stringify(ex.text)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
