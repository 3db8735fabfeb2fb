/** Human text for `econ-trace inspect`: sections with fixed headings, aligned, deterministic. */
import type { InspectResult } from './inspect-run.js';

export function formatInspect(r: InspectResult): string {
  const m = r.manifest;
  const synthetic = m.synthetic.value ? ` [SYNTHETIC: ${m.synthetic.description}]` : '';
  const lines = [
    `Run ${r.source}`,
    `  label       ${m.label}${synthetic}`,
    `  path        ${m.path}`,
    `  kernel      ${m.kernel.release}${m.kernel.econ ? ` (ECON ${m.kernel.econEnabled ? 'enabled' : 'disabled'})` : ' (no ECON)'}`,
    `  recorded    ${m.startedAt} .. ${m.endedAt ?? 'unfinished'} on ${m.hostname} by ${m.recorder.name} ${m.recorder.version}`,
    `  status      ${m.status}${m.statusReason === '' ? '' : ` (${m.statusReason})`}`,
    `  sampling    1 in ${m.sampling.oneIn} per ${m.sampling.unit}`,
    `  lost events ${r.ingest.lostEvents}`,
    '',
    'Probes',
    ...m.probePlan.map((p) => `  ${p.point.padEnd(24)} ${p.mechanism.padEnd(16)} ${p.probe}`),
    '',
    'Devices',
    ...m.devices.map((d) => `  ${d.name.padEnd(16)} ${d.role}`),
    '',
    'Event files',
    ...r.files.map((f) => `  ${f.file} (${f.format}, ${f.sizeBytes} bytes)`),
    '',
    'Events',
    `  total       ${r.events}`,
    `  span        ${formatSpan(r.durationNs)}`,
    `  skbs        ${r.distinctSkbs === null ? 'over 1000000' : r.distinctSkbs}`,
    ...r.byPointAndDevice.map((e) => `  ${e.key.padEnd(40)} ${String(e.events).padStart(10)}`),
    '',
    'Problems',
    ...(r.ingest.issues.length === 0
      ? ['  none']
      : r.ingest.issues.flatMap((i) => [
          `  ${i.reason}: ${i.count}`,
          ...i.examples.map((e) => `    ${e.file}:${e.line}: ${JSON.stringify(e.text)}`),
        ])),
  ];
  return `${lines.join('\n')}\n`;
}

function formatSpan(ns: number): string {
  return `${(ns / 1e9).toFixed(3)} s`;
}
