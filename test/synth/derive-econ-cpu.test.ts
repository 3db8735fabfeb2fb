import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseCpu } from '../../src/cpu/analyse-cpu.js';
import type { RunManifest } from '../../src/model/manifest.js';
import { deriveEconCpu } from '../../src/synth/derive-econ-cpu.js';
import { DEFAULT_ECON_MODEL } from '../../src/synth/econ-model.js';

const HEADER = (t: number): string =>
  `iperf3   887 [001]  30.${String(t).padStart(6, '0')}:    1000000 cpu-clock:pppH: `;
const frames = (...names: string[]): string[] =>
  names.map((n, i) => `\tffffffff8100${String(i).padStart(4, '0')} ${n}+0x10 ([kernel.kallsyms])`);

const DECAP = frames(
  'vxlan_rcv',
  'udp_queue_rcv_one_skb',
  'ip_local_deliver_finish',
  '__netif_receive_skb_one_core',
  'process_backlog',
  'net_rx_action',
  'handle_softirqs',
);
const BRIDGE = frames(
  'br_forward',
  'br_handle_frame',
  '__netif_receive_skb_core',
  'gro_cell_poll',
  'net_rx_action',
);
const COPY = frames('skb_copy_datagram_iter', 'udp_recvmsg', '__sys_recvfrom');
const IDLE = frames('default_idle', 'do_idle');

/** Ten bridge samples, two decap samples, three copies and five idle ones, in that order. */
function perfScript(): string {
  const blocks = [
    ...Array.from({ length: 2 }, () => DECAP),
    ...Array.from({ length: 10 }, () => BRIDGE),
    ...Array.from({ length: 3 }, () => COPY),
    ...Array.from({ length: 5 }, () => IDLE),
  ];
  return blocks.map((f, i) => `${[HEADER(i), ...f].join('\n')}\n\n`).join('');
}

test('samples of skipped stages go in proportion to the hit rate; ECON samples are added', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'econ-cpu-'));
  try {
    await mkdir(join(dir, 'cpu'));
    await writeFile(join(dir, 'cpu/perf-script.txt'), perfScript(), 'latin1');
    // Hit rate 3/4: 9 of the 12 eligible samples are removed, evenly.
    const r = await deriveEconCpu(dir, 3, 1, DEFAULT_ECON_MODEL);
    assert.ok(r);
    assert.deepEqual([r.samples, r.eligible, r.removed, r.added], [20, 12, 9, 2]);
    const out = join(dir, 'out');
    await mkdir(join(out, 'cpu'), { recursive: true });
    await writeFile(join(out, 'cpu/perf-script.txt'), r.text, 'latin1');
    const manifest = { recorder: { commands: [] } } as unknown as RunManifest;
    const cpu = await analyseCpu(out, manifest, 4);
    assert.ok(cpu);
    const by = new Map(cpu.perCategory.map((c) => [c.category, c]));
    assert.equal((by.get('bridge')?.samples ?? 0) + (by.get('vxlan-decap')?.samples ?? 0), 3);
    assert.equal(by.get('copy-to-user')?.samples, 3, 'other stages are kept');
    assert.equal(by.get('not-networking')?.samples, 5);
    // Lookup for every packet that reached econ_rx (4 x 150 ns), delivery per hit (3 x 300 ns).
    assert.equal(by.get('econ')?.ns, 4 * 150 + 3 * 300);
    const econ = cpu.folded.top.filter((s) => s.stack.includes('econ_rx'));
    assert.deepEqual(econ.map((s) => s.stack.split(';').slice(-3).join(';')).sort(), [
      '__netif_receive_skb_one_core;econ_rx;econ_rx_deliver',
      '__netif_receive_skb_one_core;econ_rx;econ_rx_lookup',
    ]);
    assert.ok(econ.every((s) => s.stack.startsWith('iperf3;handle_softirqs;net_rx_action;')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a run without cpu/ gets no CPU samples', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'econ-cpu-'));
  try {
    assert.equal(await deriveEconCpu(dir, 3, 1, DEFAULT_ECON_MODEL), null);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
