import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckpointId } from '../../src/model/checkpoint.js';
import type { PacketTimeline } from '../../src/model/timeline.js';
import { derivePacket, type FlowCache } from '../../src/synth/derive-econ-packet.js';
import { DEFAULT_ECON_MODEL } from '../../src/synth/econ-model.js';

/** A vanilla overlay packet: checkpoint and time in µs, all on CPU `cpu`. */
function vanilla(cpu: number, hops: [CheckpointId, number][]): PacketTimeline {
  return {
    skb: 'ffff1',
    hops: hops.map(([checkpoint, us]) => ({ checkpoint, tsNs: us * 1000, cpu, dev: '' })),
    flow: { saddr: '10.233.1.2', daddr: '10.233.2.2', sport: 4000, dport: 5201, proto: 17 },
    hash: 7,
    lenBytes: 92,
    segs: 1,
    econ: null,
    clones: 0,
    end: 'freed',
  };
}

const WALK: [CheckpointId, number][] = [
  ['nic_rx', 0],
  ['outer_rcv', 2],
  ['inner_rcv', 10],
  ['veth_xmit', 13],
  ['backlog', 15],
  ['container_rcv', 17],
  ['sock_ready', 20],
  ['freed', 30],
];

test('the first packet of a flow on a CPU misses and keeps its whole walk', () => {
  const cache: FlowCache = new Set();
  const d = derivePacket(vanilla(0, WALK), cache, DEFAULT_ECON_MODEL);
  assert.deepEqual(
    d.hops.map((h) => h.checkpoint),
    WALK.map(([c]) => c),
  );
  assert.deepEqual(
    d.econ.map((e) => [e.point, e.ret, e.tsNs]),
    [
      ['econ_rx', 2, 2150],
      ['econ_rx_insert', null, 20000],
    ],
  );
});

test('a later packet hits: stages 3-9 vanish and the socket is reached sooner', () => {
  const cache: FlowCache = new Set();
  derivePacket(vanilla(0, WALK), cache, DEFAULT_ECON_MODEL);
  const d = derivePacket(vanilla(0, WALK), cache, DEFAULT_ECON_MODEL);
  assert.deepEqual(
    d.hops.map((h) => [h.checkpoint, h.tsNs]),
    [
      ['nic_rx', 0],
      ['outer_rcv', 2000],
      // container_rcv -> sock_ready took 3 µs; plus 150 ns lookup and 300 ns fast-path overhead.
      ['sock_ready', 2000 + 150 + 300 + 3000],
      ['freed', 2000 + 150 + 300 + 13000],
    ],
  );
  assert.deepEqual(
    d.econ.map((e) => [e.point, e.ret]),
    [
      ['econ_rx', 0],
      ['econ_rx_deliver', 1],
    ],
  );
});

test('the flow cache is per CPU: the same flow misses again on another CPU', () => {
  const cache: FlowCache = new Set();
  derivePacket(vanilla(0, WALK), cache, DEFAULT_ECON_MODEL);
  const other = derivePacket(vanilla(1, WALK), cache, DEFAULT_ECON_MODEL);
  assert.equal(other.econ[0]?.ret, 2);
});

test('a packet not seen from the underlay to the container passes unchanged', () => {
  const partial = vanilla(0, [
    ['outer_rcv', 2],
    ['inner_rcv', 10],
  ]);
  const d = derivePacket(partial, new Set(), DEFAULT_ECON_MODEL);
  assert.deepEqual(d, { hops: partial.hops, econ: [] });
});
