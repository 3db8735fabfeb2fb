import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  composeFunctionProbeProgram,
  listFunctionProbeFiles,
  renderFentrySpelling,
} from '../../src/tools/compose-bpftrace-program.js';

const HEADER = 'ts_ns,cpu,point,dev,skb,len,hash,saddr,daddr,sport,dport,proto,segs,ret';

test('files per mechanism; the ECON part only on ECON kernels', () => {
  assert.deepEqual(listFunctionProbeFiles('fentry', false), ['econ-trace-fentry.bt']);
  assert.deepEqual(listFunctionProbeFiles('kprobe', true), [
    'econ-trace-kprobe.bt',
    'econ-trace-kprobe-econ.bt',
  ]);
});

test('fentry spelling renames probe headers at line starts only', () => {
  const text = 'kfunc:vxlan_rcv\n{\n  // kfunc: in a comment stays\n}\nkretfunc:econ_rx\n';
  assert.equal(renderFentrySpelling(text, 'kfunc'), text);
  assert.equal(
    renderFentrySpelling(text, 'fentry'),
    'fentry:vxlan_rcv\n{\n  // kfunc: in a comment stays\n}\nfexit:econ_rx\n',
  );
});

for (const mechanism of ['fentry', 'kprobe'] as const) {
  test(`${mechanism}: one CSV header, ECON probes only when asked`, async () => {
    const vanilla = await composeFunctionProbeProgram({
      mechanism,
      spelling: 'kfunc',
      econ: false,
    });
    const econ = await composeFunctionProbeProgram({ mechanism, spelling: 'kfunc', econ: true });
    for (const text of [vanilla, econ]) {
      assert.equal(text.split(`printf("${HEADER}\\n")`).length - 1, 1, 'exactly one header');
      assert.equal((text.match(/^BEGIN$/gm) ?? []).length, 1);
      assert.ok((text.match(/^END$/gm) ?? []).length <= 1, 'bpftrace 0.17 allows one END');
    }
    assert.doesNotMatch(vanilla, /econ_/);
    for (const fn of [
      'econ_rx',
      'econ_rx_lookup',
      'econ_rx_deliver',
      'econ_rx_insert',
      'econ_rx_remove',
      'econ_rx_remove_all',
      'econ_tx_insert',
      'econ_xmit',
      'econ_filter_skb',
    ]) {
      assert.match(econ, new RegExp(`^(kfunc|kprobe):${fn}$`, 'm'), `${fn} probed`);
    }
    for (const fn of ['netif_receive_skb', 'udp_rcv', 'vxlan_rcv', 'tcp_v4_rcv']) {
      assert.match(vanilla, new RegExp(`^(kfunc|kprobe):${fn}$`, 'm'), `${fn} probed`);
    }
  });
}

test('fentry program for bpftrace >= 0.20 has no kfunc probes left', async () => {
  const text = await composeFunctionProbeProgram({
    mechanism: 'fentry',
    spelling: 'fentry',
    econ: true,
  });
  assert.doesNotMatch(text, /^kr?e?t?func:/m);
  assert.match(text, /^fentry:netif_receive_skb$/m);
  assert.match(text, /^fexit:econ_rx$/m);
});

test('every printf in the variants has the 14 bpftrace-csv columns', async () => {
  for (const mechanism of ['fentry', 'kprobe'] as const) {
    const text = await composeFunctionProbeProgram({ mechanism, spelling: 'kfunc', econ: true });
    const formats = [...text.matchAll(/printf\("([^"]*)\\n"/g)].map((m) => m[1] ?? '');
    assert.ok(formats.length > 10);
    for (const f of formats) assert.equal(f.split(',').length, 14, `${mechanism}: ${f}`);
  }
});
