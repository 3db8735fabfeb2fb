/** Builds small run folders in a temp directory for command tests, good and broken. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunManifest } from '../../src/model/manifest.js';
import { BPFTRACE_CSV_HEADER } from '../../src/parse/bpftrace-csv-format.js';

export function baseManifest(overrides: Partial<RunManifest> = {}): RunManifest {
  return {
    schemaVersion: 1,
    label: 'test run',
    path: 'overlay',
    kernel: { release: '6.18.0', version: '#1', econ: false, econEnabled: false },
    hostname: 'test',
    recorder: { name: 'hand', version: '1', commands: [['hand']] },
    probePlan: [
      {
        point: 'netif_receive_skb',
        mechanism: 'tracepoint',
        probe: 'tracepoint:net:netif_receive_skb',
      },
      { point: 'netif_rx', mechanism: 'tracepoint', probe: 'tracepoint:net:netif_rx' },
      {
        point: 'net_dev_start_xmit',
        mechanism: 'tracepoint',
        probe: 'tracepoint:net:net_dev_start_xmit',
      },
      { point: 'sk_data_ready', mechanism: 'tracepoint', probe: 'tracepoint:sock:sk_data_ready' },
      { point: 'consume_skb', mechanism: 'tracepoint', probe: 'tracepoint:skb:consume_skb' },
    ],
    devices: [
      { name: 'ulB', role: 'underlay' },
      { name: 'vxlan0', role: 'vxlan' },
      { name: 'veth-c', role: 'host-veth' },
      { name: '<script>', role: 'container' },
    ],
    events: [{ file: 'events/packets.csv', format: 'bpftrace-csv' }],
    startedAt: '2026-11-26T10:00:00.000Z',
    endedAt: '2026-11-26T10:00:01.000Z',
    clockSource: 'CLOCK_MONOTONIC (bpftrace nsecs)',
    sampling: { oneIn: 1, unit: 'packet' },
    lostEvents: 0,
    status: 'complete',
    statusReason: '',
    synthetic: { value: false, description: '' },
    ...overrides,
  };
}

/** One packet's walk through the overlay, every 1 µs, on CPU 0; the container device is hostile. */
export function packetLines(skb: string, startNs: number): string[] {
  const walk: [string, string][] = [
    ['netif_rx', 'ulB'],
    ['netif_receive_skb', 'ulB'],
    ['netif_receive_skb', 'vxlan0'],
    ['net_dev_start_xmit', 'veth-c'],
    ['netif_rx', '<script>'],
    ['netif_receive_skb', '<script>'],
    ['sk_data_ready', ''],
    ['consume_skb', ''],
  ];
  return walk.map(([point, dev], i) => {
    const skbField = point === 'sk_data_ready' ? '' : skb;
    return `${startNs + i * 1000},0,${point},${dev},${skbField},60,7,10.233.1.2,10.233.2.2,4000,5201,17,1,`;
  });
}

export async function makeRun(
  manifest: RunManifest | string | null,
  events: string | Buffer | null,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'econ-cmd-'));
  await mkdir(join(dir, 'events'));
  if (manifest !== null) {
    const text = typeof manifest === 'string' ? manifest : JSON.stringify(manifest, null, 2);
    await writeFile(join(dir, 'manifest.json'), text);
  }
  if (events !== null) await writeFile(join(dir, 'events/packets.csv'), events);
  return dir;
}

export function goodEvents(packets: number): string {
  const lines = [BPFTRACE_CSV_HEADER];
  for (let i = 0; i < packets; i++) {
    lines.push(
      ...packetLines(`ffff8881000${(1000 + i).toString(16)}`, 1_000_000_000_000 + i * 20_000),
    );
  }
  return `${lines.join('\n')}\n`;
}
