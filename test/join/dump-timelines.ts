/**
 * A readable, deterministic text form of joined timelines for golden files: a summary, then per
 * timeline a header and its hops as `checkpoint +ns` (time since the previous hop), with the CPU
 * written where it changes.
 */
import type { CheckpointId } from '../../src/model/checkpoint.js';
import type { IngestCounters } from '../../src/model/ingest.js';
import type { PacketTimeline } from '../../src/model/timeline.js';
import { isComplete } from '../../src/join/join-timelines.js';

export function dumpTimelines(
  timelines: readonly PacketTimeline[],
  counters: IngestCounters,
  expected: readonly CheckpointId[],
): string {
  const ends = { freed: 0, timeout: 0, 'end-of-trace': 0 };
  let complete = 0;
  for (const t of timelines) {
    ends[t.end]++;
    if (isComplete(t, expected)) complete++;
  }
  const lines = [
    `timelines ${timelines.length}: freed ${ends.freed}, timeout ${ends.timeout}, end-of-trace ${ends['end-of-trace']}`,
    `expected: ${expected.join(' ')}`,
    `complete: ${complete}`,
    `issues: ${counters.issues.map((i) => `${i.reason} ${i.count}`).join(', ') || 'none'}`,
    '',
  ];
  timelines.forEach((t, n) => {
    const flow = t.flow
      ? `${t.flow.saddr}:${t.flow.sport}>${t.flow.daddr}:${t.flow.dport}/${t.flow.proto}`
      : '-';
    const first = t.hops[0];
    lines.push(
      `#${n + 1} ${t.skb} ${t.end} at ${first?.tsNs ?? '-'} segs ${t.segs} clones ${t.clones}` +
        ` len ${t.lenBytes} hash ${t.hash} econ ${t.econ ?? '-'} flow ${flow}` +
        (isComplete(t, expected) ? ' complete' : ''),
    );
    let prevTs = first?.tsNs ?? 0;
    let prevCpu = Number.NaN;
    const hops = t.hops.map((h) => {
      const cpu = h.cpu === prevCpu ? '' : `[cpu${h.cpu}] `;
      const text = `${cpu}${h.checkpoint} +${h.tsNs - prevTs}`;
      prevTs = h.tsNs;
      prevCpu = h.cpu;
      return text;
    });
    lines.push(`  ${hops.join(' ')}`);
  });
  return lines.join('\n') + '\n';
}
