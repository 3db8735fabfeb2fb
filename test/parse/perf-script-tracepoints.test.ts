import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormatError } from '../../src/parse/format-error.js';
import { parsePerfScriptTracepoints } from '../../src/parse/perf-script-tracepoints.js';
import { assertGolden } from './golden.js';
import { TINY_CHUNK_SIZES, parseBuffer, readFixture } from './parse-helpers.js';

/** Tiny-chunk runs cost one async step per chunk: big fixtures are cut to this many bytes. */
const TINY_RUN_BYTES = 64 * 1024;

/**
 * Golden dump, then the same result from every tiny chunk size. Inputs over TINY_RUN_BYTES are
 * cut at a line end first (the real sample has every event shape within its first lines) and
 * compared with a one-chunk parse of the same prefix.
 */
async function checkPerf(data: Buffer, file: string, golden: string): Promise<void> {
  const whole = await parseBuffer(parsePerfScriptTracepoints, data, file);
  await assertGolden(golden, whole.dump);
  const prefix =
    data.length <= TINY_RUN_BYTES
      ? data
      : data.subarray(0, data.lastIndexOf(0x0a, TINY_RUN_BYTES) + 1);
  const reference =
    prefix === data ? whole : await parseBuffer(parsePerfScriptTracepoints, prefix, file);
  for (const size of TINY_CHUNK_SIZES) {
    const tiny = await parseBuffer(parsePerfScriptTracepoints, prefix, file, size);
    assert.equal(tiny.dump, reference.dump, `chunks of ${size} bytes`);
  }
}

test('perf-script: real perf 6.1 --ns recording of five tracepoints', async () => {
  const data = await readFixture('perf-tracepoints-nostack-ns.txt.gz');
  await checkPerf(data, 'events/perf.txt', 'perf-tracepoints-nostack-ns.txt');
  const { events, counters, origin } = await parseBuffer(parsePerfScriptTracepoints, data, 'p');
  assert.equal(events.length, 3000);
  assert.deepEqual(counters.issues, []);
  assert.equal(origin.originSec, 1214);
  // `kworker/1:1-vir    41 [001]  1214.244298013:        skb:consume_skb: skbaddr=0xffff88810a21be00`
  assert.deepEqual(events[0], {
    tsNs: 244_298_013,
    cpu: 1,
    point: 'consume_skb',
    dev: '',
    skb: 'ffff88810a21be00',
    lenBytes: -1,
    hash: -1,
    saddr: '',
    daddr: '',
    sport: -1,
    dport: -1,
    proto: -1,
    segs: 0,
    ret: null,
  });
});

test('perf-script: field subsets, microseconds, comm with spaces, stacks, lost records', async () => {
  const data = await readFixture('perf-variants.txt');
  await checkPerf(data, 'events/variants.txt', 'perf-variants.txt');
  const { events, counters } = await parseBuffer(parsePerfScriptTracepoints, data, 'v');
  assert.deepEqual(
    events.map((e) => `${e.point}@${e.dev} cpu=${e.cpu} ts=${e.tsNs}`),
    [
      'netif_receive_skb@veth-c cpu=0 ts=11028591',
      'netif_receive_skb@vxlan0 cpu=1 ts=11029000',
      'netif_rx@eth0 cpu=1 ts=11030123',
      'napi_gro_receive_entry@ulB cpu=-1 ts=11031000',
      'net_dev_start_xmit@veth-c cpu=-1 ts=11032000',
      'sk_data_ready@ cpu=0 ts=13114457',
      'sk_data_ready@ cpu=0 ts=13114500',
      'skb_copy_datagram_iovec@ cpu=0 ts=13115000',
      'kfree_skb@ cpu=0 ts=13116000',
      'consume_skb@ cpu=0 ts=13300000',
      'netif_receive_skb@eth0 cpu=0 ts=13600000',
      'netif_receive_skb@eth0 cpu=0 ts=13700000',
    ],
  );
  assert.equal(counters.lostEvents, 26);
  assert.deepEqual(
    counters.issues.map((i) => [i.reason, i.count, i.examples.map((e) => e.line)]),
    [
      ['unsupported-event', 2, [10, 15]],
      ['bad-number', 1, [18]],
      ['malformed-line', 1, [19]],
    ],
  );
});

test('perf-script: a file with no perf script line in its first 50 is not this format', async () => {
  const data = await readFixture('not-perf.txt');
  await assert.rejects(
    parseBuffer(parsePerfScriptTracepoints, data, 'events/x.txt'),
    (err: unknown) => {
      assert.ok(err instanceof FormatError);
      assert.equal(
        err.message,
        'events/x.txt: no perf script sample line in the first 50 non-empty lines; check the events format named in manifest.json (bpftrace-csv or perf-script)',
      );
      return true;
    },
  );
});

test('perf-script: a short file with nothing perf-like is not this format either', async () => {
  const data = Buffer.from('hello\nworld\n');
  await assert.rejects(parseBuffer(parsePerfScriptTracepoints, data, 'x'), FormatError);
});

test('perf-script: bad lines, garbage and a truncated last line are counted', async () => {
  const sample =
    '          iperf3 14103 [000]  1215.011028591:  net:netif_receive_skb: dev=eth0 skbaddr=0xff len=60';
  const lines = [
    sample,
    `${sample} ${'x'.repeat(5000)}`,
    Buffer.from(`${sample.replace('eth0', 'et\u0001h0')}`, 'latin1').toString('latin1'),
    '          iperf3 14103 [000]  1215.0110285910000:  net:netif_receive_skb: dev=eth0 len=60',
    sample.slice(0, 40),
  ];
  const { events, counters } = await parseBuffer(
    parsePerfScriptTracepoints,
    Buffer.from(lines.join('\n'), 'latin1'),
    'f',
  );
  assert.equal(events.length, 1);
  assert.deepEqual(
    counters.issues.map((i) => [i.reason, i.count, i.examples.map((e) => e.line)]),
    [
      ['line-too-long', 1, [2]],
      ['binary-garbage', 1, [3]],
      ['bad-number', 1, [4]],
      ['truncated-last-line', 1, [5]],
    ],
  );
});
