import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  planProbes,
  type PlannableMechanism,
  type ProbeCapabilities,
} from '../../src/doctor/plan-probes.js';
import { POINT_PROBES } from '../../src/doctor/probe-table.js';

const MECHANISMS: readonly PlannableMechanism[] = ['fentry', 'kprobe', 'tracepoint'];
const bools = [false, true];

function everyCapability(): ProbeCapabilities[] {
  const all: ProbeCapabilities[] = [];
  for (const fentry of bools)
    for (const kprobe of bools)
      for (const tracepoint of bools)
        for (const econ of bools)
          for (const fentrySpelling of ['kfunc', 'fentry'] as const)
            all.push({ fentry, kprobe, tracepoint, econ, fentrySpelling });
  return all;
}

test('this machine (tracepoints only, vanilla): tracepoint points only', () => {
  const plan = planProbes({
    fentry: false,
    kprobe: false,
    tracepoint: true,
    econ: false,
    fentrySpelling: 'kfunc',
  });
  assert.deepEqual(
    plan.map((e) => `${e.point} ${e.mechanism} ${e.probe}`),
    [
      'napi_gro_receive_entry tracepoint tracepoint:net:napi_gro_receive_entry',
      'netif_receive_skb tracepoint tracepoint:net:netif_receive_skb',
      'netif_rx tracepoint tracepoint:net:netif_rx',
      'net_dev_start_xmit tracepoint tracepoint:net:net_dev_start_xmit',
      'sk_data_ready tracepoint tracepoint:sock:sk_data_ready',
      'skb_copy_datagram_iovec tracepoint tracepoint:skb:skb_copy_datagram_iovec',
      'consume_skb tracepoint tracepoint:skb:consume_skb',
      'kfree_skb tracepoint tracepoint:skb:kfree_skb',
    ],
  );
});

test('ECON kernel with fentry on new bpftrace: fentry/fexit spelling, ECON points included', () => {
  const plan = planProbes({
    fentry: true,
    kprobe: true,
    tracepoint: true,
    econ: true,
    fentrySpelling: 'fentry',
  });
  const byPoint = new Map(plan.map((e) => [e.point, e]));
  assert.deepEqual(byPoint.get('netif_receive_skb'), {
    point: 'netif_receive_skb',
    mechanism: 'fentry',
    probe: 'fentry:netif_receive_skb',
  });
  assert.deepEqual(byPoint.get('econ_rx'), {
    point: 'econ_rx',
    mechanism: 'fentry',
    probe: 'fentry:econ_rx,fexit:econ_rx',
  });
  assert.equal(byPoint.get('netif_rx')?.mechanism, 'tracepoint');
  assert.equal(plan.length, POINT_PROBES.length);
});

test('kprobes only on an ECON kernel, bpftrace 0.17', () => {
  const plan = planProbes({
    fentry: false,
    kprobe: true,
    tracepoint: false,
    econ: true,
    fentrySpelling: 'kfunc',
  });
  assert.deepEqual(
    plan.find((e) => e.point === 'econ_xmit'),
    { point: 'econ_xmit', mechanism: 'kprobe', probe: 'kprobe:econ_xmit,kretprobe:econ_xmit' },
  );
  assert.ok(plan.every((e) => e.mechanism === 'kprobe'));
  assert.equal(
    plan.some((e) => e.point === 'sk_data_ready'),
    false,
  );
});

test('forced fentry is used where fentry reaches, even if it did not attach; tracepoints for the rest', () => {
  const plan = planProbes(
    { fentry: false, kprobe: true, tracepoint: true, econ: false, fentrySpelling: 'kfunc' },
    'fentry',
  );
  assert.equal(plan.find((e) => e.point === 'vxlan_rcv')?.probe, 'kfunc:vxlan_rcv');
  assert.equal(plan.find((e) => e.point === 'netif_receive_skb')?.mechanism, 'fentry');
  assert.equal(plan.find((e) => e.point === 'consume_skb')?.mechanism, 'tracepoint');
});

for (const forced of [undefined, ...MECHANISMS]) {
  test(`all capability combinations, forced=${forced ?? 'none'}: rules hold`, () => {
    for (const caps of everyCapability()) {
      const plan = planProbes(caps, forced);
      const where = `${JSON.stringify(caps)} forced=${forced}`;
      for (const row of POINT_PROBES) {
        const entry = plan.find((e) => e.point === row.point);
        if (row.econ && !caps.econ) {
          assert.equal(entry, undefined, `${row.point} on a vanilla kernel: ${where}`);
          continue;
        }
        // Which mechanisms may serve this point, best first.
        const usable = forced
          ? [
              ...(row[forced] !== null ? [forced] : []),
              ...(caps.tracepoint && row.tracepoint !== null ? ['tracepoint' as const] : []),
            ]
          : MECHANISMS.filter((m) => caps[m] && row[m] !== null);
        if (usable.length === 0) {
          assert.equal(entry, undefined, `${row.point} unreachable: ${where}`);
          continue;
        }
        assert.ok(entry, `${row.point} reachable: ${where}`);
        assert.equal(entry.mechanism, usable[0], `${row.point}: ${where}`);
        const probes = entry.probe.split(',');
        for (const p of probes) {
          const prefix = p.slice(0, p.indexOf(':'));
          const allowed = {
            fentry: caps.fentrySpelling === 'fentry' ? ['fentry', 'fexit'] : ['kfunc', 'kretfunc'],
            kprobe: ['kprobe', 'kretprobe'],
            tracepoint: ['tracepoint'],
          }[entry.mechanism as PlannableMechanism];
          assert.ok(allowed.includes(prefix), `${p} for ${entry.mechanism}: ${where}`);
          assert.ok(p.endsWith(`:${row.point}`) || p.startsWith('tracepoint:'), p);
        }
      }
      assert.equal(new Set(plan.map((e) => e.point)).size, plan.length, 'one entry per point');
    }
  });
}
