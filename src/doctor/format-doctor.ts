/**
 * The doctor's report for people: one line per check (ok / FAIL / warn for checks that only
 * narrow what is recorded), its fix at the end of the line, then which mechanism each probe point would use and
 * which checkpoints stay out of reach. Deterministic: same report, same text.
 */
import type { DoctorReport } from './doctor-report.js';

export function formatDoctor(report: DoctorReport): string {
  const lines: string[] = [];
  const idWidth = Math.max(...report.checks.map((c) => c.id.length));
  for (const c of report.checks) {
    const mark = c.ok ? 'ok  ' : c.required ? 'FAIL' : 'warn';
    const fix = !c.ok && c.fix !== '' ? ` -- fix: ${c.fix}` : '';
    lines.push(`${mark}  ${c.id.padEnd(idWidth)}  ${c.detail}${fix}`);
  }
  lines.push('');
  lines.push(report.ok ? 'Ready to record.' : 'Not ready to record: fix the FAIL lines above.');
  lines.push('');
  lines.push('Probe plan (fentry > kprobe > tracepoint, among those that attached):');
  if (report.plan.length === 0) lines.push('  nothing attaches');
  const pointWidth = Math.max(0, ...report.plan.map((e) => e.point.length));
  for (const e of report.plan) {
    lines.push(`  ${e.point.padEnd(pointWidth)}  ${e.mechanism.padEnd(10)}  ${e.probe}`);
  }
  // ECON's checkpoints only exist on ECON kernels; sender-side ones (stage 0) are optional.
  const unseen = report.coverage.filter(
    (c) =>
      c.stage > 0 &&
      c.via.length === 0 &&
      (report.capabilities.econ || !c.checkpoint.startsWith('econ_')),
  );
  if (unseen.length > 0) {
    lines.push('');
    lines.push(
      `Checkpoints out of reach here: ${unseen.map((c) => `${c.checkpoint} (stage ${c.stage})`).join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
