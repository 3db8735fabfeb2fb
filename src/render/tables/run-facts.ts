/**
 * The key facts of one run as label/value pairs (kernel, path, packets, completeness, losses,
 * skipped records, ECON hit rate), from RunReport. Values are plain text; renderers escape.
 */
import type { EconSummary, RunReport } from '../../model/report.js';
import { formatCount, formatNs, formatPercent } from '../format.js';

export type Fact = [label: string, value: string];

/** Facts shown at the top of every run's block, in a fixed order. */
export function listRunFacts(run: RunReport): Fact[] {
  const p = run.packets;
  const facts: Fact[] = [
    ['source', run.source],
    ['kernel', describeKernel(run)],
    ['path', run.path],
    ['recorder', run.recorder],
    ['status', run.status === 'complete' ? 'complete' : `partial: ${run.statusReason || '?'}`],
  ];
  if (run.synthetic.value) facts.push(['synthetic', run.synthetic.description || 'yes']);
  facts.push(
    ['duration', formatNs(run.durationNs)],
    ['packets', `${formatCount(p.total)} (wire packets ${formatCount(p.wirePackets)})`],
    [
      'completeness',
      `${formatPercent(p.completeness)} (${formatCount(p.complete)} of ${formatCount(p.total)})`,
    ],
    [
      'ended by',
      `freed ${formatCount(p.endedBy.freed)}, timeout ${formatCount(p.endedBy.timeout)}, ` +
        `end of trace ${formatCount(p.endedBy.endOfTrace)}`,
    ],
    ['lost events', formatCount(run.ingest.lostEvents)],
    [
      'lines read',
      `${formatCount(run.ingest.linesRead)} (events accepted ${formatCount(run.ingest.eventsAccepted)})`,
    ],
    ['problems', describeProblems(run)],
    ['ECON hit rate', describeHitRate(run.econ)],
  );
  return facts;
}

function describeKernel(run: RunReport): string {
  const k = run.kernel;
  if (!k.econ) return `${k.release} (no ECON)`;
  return `${k.release} (ECON ${k.econEnabled ? 'enabled' : 'present, disabled'})`;
}

/** Skipped or flagged records by reason, in first-seen order, e.g. "malformed-line 3, ...". */
export function describeProblems(run: RunReport): string {
  const issues = run.ingest.issues.filter((i) => i.count > 0);
  if (issues.length === 0) return 'none';
  return issues.map((i) => `${i.reason} ${formatCount(i.count)}`).join(', ');
}

/** "98.1% (hits 1,000, misses 19)", or why there is none. */
export function describeHitRate(econ: EconSummary | null): string {
  if (!econ) return 'n/a (no ECON events)';
  const counts = `hits ${formatCount(econ.rx.hit)}, misses ${formatCount(econ.rx.miss)}`;
  return econ.hitRate === null ? `n/a (${counts})` : `${formatPercent(econ.hitRate)} (${counts})`;
}
