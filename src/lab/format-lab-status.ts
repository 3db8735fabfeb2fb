/** Human text for `econ-trace lab status` and `lab up`: one line per namespace and device. */
import type { LabStatus } from './read-lab-status.js';

export function formatLabStatus(status: LabStatus): string {
  const lines = [
    `overlay path  ${status.overlayReady ? 'ready' : 'not ready'}`,
    `host path     ${status.hostReady ? 'ready' : 'not ready'}`,
  ];
  for (const ns of status.namespaces) {
    lines.push(`${ns.name}${ns.exists ? '' : '  (absent)'}`);
    for (const d of ns.devices) {
      const master = d.master === null ? '' : ` master ${d.master}`;
      const addrs = d.addresses.length === 0 ? '' : ` ${d.addresses.join(' ')}`;
      lines.push(`  ${d.name.padEnd(8)} ${d.up ? 'up' : 'down'} mtu ${d.mtu}${master}${addrs}`);
    }
  }
  if (status.strays.length > 0) {
    lines.push(`leftovers     ${status.strays.join(', ')} (removed by \`econ-trace lab down\`)`);
  }
  return `${lines.join('\n')}\n`;
}
