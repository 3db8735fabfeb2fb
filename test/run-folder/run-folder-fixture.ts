/** A valid schema-1 run folder in a temp directory, for tests to break one thing at a time. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunManifest } from '../../src/model/manifest.js';

export function validManifest(): RunManifest {
  return {
    schemaVersion: 1,
    label: 'vanilla 6.18 overlay',
    path: 'overlay',
    kernel: { release: '6.18.0', version: '#1 SMP', econ: false, econEnabled: false },
    hostname: 'lab',
    recorder: {
      name: 'econ-trace record',
      version: '0.1.0',
      commands: [['bpftrace', '-f', 'text', 'x.bt']],
    },
    probePlan: [
      {
        point: 'netif_receive_skb',
        mechanism: 'tracepoint',
        probe: 'tracepoint:net:netif_receive_skb',
      },
    ],
    devices: [
      { name: 'ulB', role: 'underlay' },
      { name: 'vxlan0', role: 'vxlan' },
    ],
    events: [{ file: 'events/packets.csv', format: 'bpftrace-csv' }],
    startedAt: '2026-11-26T10:00:00Z',
    endedAt: '2026-11-26T10:00:05Z',
    clockSource: 'CLOCK_MONOTONIC (bpftrace nsecs)',
    sampling: { oneIn: 1, unit: 'packet' },
    lostEvents: 0,
    status: 'complete',
    statusReason: '',
    synthetic: { value: false, description: '' },
  };
}

export const SAMPLE_CSV =
  'ts_ns,cpu,point,dev,skb,len,hash,saddr,daddr,sport,dport,proto,segs,ret\n' +
  '167388118514,1,netif_receive_skb,ulB,ffff88810a288d00,110,,,,,,,,\n';

/** Creates a run folder; `manifest` may be any JSON value or raw text. */
export async function makeRunFolder(manifest: unknown = validManifest()): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'econ-run-'));
  await mkdir(join(dir, 'events'));
  await writeFile(join(dir, 'events', 'packets.csv'), SAMPLE_CSV);
  const text = typeof manifest === 'string' ? manifest : JSON.stringify(manifest, null, 2);
  await writeFile(join(dir, 'manifest.json'), text);
  return dir;
}
