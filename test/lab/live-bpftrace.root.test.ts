/**
 * Live, needs root, iproute2 and bpftrace: runs bpftrace/econ-trace-tracepoints.bt for about
 * two seconds while UDP echoes cross the lab's overlay, then checks the bpftrace-csv header
 * and that the packets were seen on the underlay, the vxlan device and the container's eth0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import {
  bringLabUp,
  checkReachability,
  ensureTracefs,
  tearLabDown,
  withLabLock,
} from '../../src/lab/index.js';
import { assertLiveReady, findMissingForLive, skipUnlessLive } from './live-requirements.js';

const SCRIPT = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'bpftrace',
  'econ-trace-tracepoints.bt',
);
const HEADER = 'ts_ns,cpu,point,dev,skb,len,hash,saddr,daddr,sport,dport,proto,segs,ret';
const missing = await findMissingForLive(['ip', 'bpftrace', 'mount']);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitForHeader(file: string, timeoutMs: number): Promise<void> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) {
    const text = await readFile(file, 'utf8').catch(() => '');
    // bpftrace prints its "Attaching N probes..." banner before BEGIN's header.
    if (text.split('\n').includes(HEADER)) return;
  }
  assert.fail(`bpftrace printed no header within ${timeoutMs} ms`);
}

test(
  'live (root): the tracepoint script attaches and sees lab packets on ulB, vxlan0, eth0',
  { skip: skipUnlessLive(missing), timeout: 420_000 },
  async () => {
    assertLiveReady(missing);
    await ensureTracefs();
    // Other live tests use the same lab: one at a time.
    await withLabLock(traceThroughLab);
  },
);

async function traceThroughLab(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'econ-trace-bt-'));
  const out = join(dir, 'packets.csv');
  try {
    await bringLabUp();
    // Leave out the namespace this test runs in (the machine's own traffic); line-buffered
    // output so the header shows the probes are attached.
    const ownNetns = String(statSync('/proc/self/ns/net').ino);
    const tracer = execa('bpftrace', ['-B', 'line', SCRIPT, ownNetns], {
      reject: false,
      stdout: { file: out },
    });
    try {
      await waitForHeader(out, 60_000);
      const reach = await checkReachability('overlay');
      assert.ok(reach.ok, reach.output);
    } finally {
      tracer.kill('SIGINT');
    }
    const done = await tracer;
    assert.doesNotMatch(String(done.stderr), /^Lost \d+ events/m);
    const lines = (await readFile(out, 'utf8'))
      .split('\n')
      .filter((l) => l !== '' && !/^Attaching \d+ probes/.test(l));
    assert.equal(lines[0], HEADER);
    const rows = lines.slice(1).map((l) => l.split(','));
    assert.ok(
      rows.every((r) => r.length === 14),
      'every event has 14 columns',
    );
    for (const [point, dev] of [
      ['netif_receive_skb', 'ulB'],
      ['netif_receive_skb', 'vxlan0'],
      ['netif_rx', 'eth0'],
      ['netif_receive_skb', 'eth0'],
    ]) {
      const hit = rows.find(
        (r) => r[2] === point && r[3] === dev && r[7] === '10.233.1.2' && r[8] === '10.233.2.2',
      );
      assert.ok(hit, `no ${point} on ${dev} for 10.233.1.2 > 10.233.2.2`);
    }
  } finally {
    await tearLabDown();
    await rm(dir, { recursive: true, force: true });
  }
}
