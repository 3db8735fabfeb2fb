import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createLineSplitter,
  createStderrScan,
  describeTracerFailure,
  scanStderrLine,
} from '../../src/record/scan-bpftrace-stderr.js';

function scanText(text: string, chunk = 7): ReturnType<typeof createStderrScan> {
  const scan = createStderrScan();
  const splitter = createLineSplitter((line, previous) => scanStderrLine(scan, line, previous));
  for (let i = 0; i < text.length; i += chunk) splitter.push(text.slice(i, i + chunk));
  splitter.end();
  return scan;
}

test('Lost N events lines are summed, split at any chunk boundary', () => {
  const text = 'Lost 12 events\nsomething\nLost 3 events\nLost 1 events';
  for (const chunk of [1, 2, 5, 100]) assert.equal(scanText(text, chunk).lostEvents, 16);
});

test('the harmless RLIMIT_MEMLOCK error is not a failure', () => {
  const scan = scanText(
    `ERROR: Unknown error -1: couldn't set RLIMIT_MEMLOCK for bpftrace. If your program is not loading, you can try "ulimit -l 8192" to fix the problem\nAttaching 10 probes...\n`,
  );
  assert.deepEqual(scan.errors, []);
  assert.equal(scan.attachFailure, null);
});

test('kprobe attach failure: probe from the ERROR line, reason from the line before', () => {
  const scan = scanText(
    [
      'bpftrace/econ-trace-kprobe.bt:118-120: WARNING: tcp_v4_rcv is not traceable (either non-existing, inlined, or marked as "notrace"); attaching to it will likely fail',
      'create_probe_event: open(/sys/kernel/tracing/kprobe_events): No such file or directory',
      "ERROR: Error attaching probe: 'kprobe:tcp_v4_rcv'",
      '',
    ].join('\n'),
  );
  assert.deepEqual(scan.attachFailure, {
    probe: 'kprobe:tcp_v4_rcv',
    reason:
      'create_probe_event: open(/sys/kernel/tracing/kprobe_events): No such file or directory',
  });
  assert.equal(
    describeTracerFailure(scan, 'x'),
    'bpftrace could not attach kprobe:tcp_v4_rcv: create_probe_event: open(/sys/kernel/tracing/kprobe_events): No such file or directory',
  );
});

test('fentry refused while checking: probe and reason from one line, the first one kept', () => {
  const scan = scanText(
    [
      'raw/econ-trace-fentry.bt:40-42: ERROR: kfunc:netif_receive_skb: could not read traceable functions from /sys/kernel/tracing/available_filter_functions (is tracefs mounted?)',
      'raw/econ-trace-fentry.bt:66-68: ERROR: kfunc:udp_rcv: could not read traceable functions',
    ].join('\n'),
  );
  assert.equal(scan.attachFailure?.probe, 'kfunc:netif_receive_skb');
  assert.match(scan.attachFailure?.reason ?? '', /^could not read traceable functions from/);
  assert.equal(scan.errors.length, 2);
});

test('other errors: the first one names the failure; none gives the fallback', () => {
  const scan = scanText('stdin:1:1-5: ERROR: syntax error\n');
  assert.equal(scan.attachFailure, null);
  assert.equal(
    describeTracerFailure(scan, 'bpftrace exited with code 1'),
    'bpftrace exited with code 1: stdin:1:1-5: ERROR: syntax error',
  );
  assert.equal(
    describeTracerFailure(createStderrScan(), 'bpftrace exited with code 1'),
    'bpftrace exited with code 1',
  );
});
