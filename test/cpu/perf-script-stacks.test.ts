import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FormatError } from '../../src/parse/format-error.js';
import {
  CPU_FIXTURES,
  REFERENCE,
  foldBuffer,
  readBytes,
  readFolded,
  totalOf,
} from './fold-helpers.js';

/** Folding must give stackcollapse-perf.pl's lines exactly: same stacks, same totals. */
async function assertSameAsScript(input: string, reference: string, all = true): Promise<void> {
  const folded = await foldBuffer(await readBytes(input), { foldAllTracepoints: all });
  const expected = await readFolded(reference);
  assert.equal(totalOf(folded.text), totalOf(expected));
  assert.equal(folded.text, expected);
}

test('reference recording: same lines and totals as stackcollapse-perf.pl', async () => {
  await assertSameAsScript(
    join(REFERENCE, 'cpu-clock-g-default.txt.gz'),
    join(REFERENCE, 'cpu-clock-g-default.folded'),
  );
});

for (const name of [
  'cpu-clock-default',
  'cpu-clock-ns',
  'cpu-clock-fields',
  'cpu-clock-fields-period',
  'cpu-clock-pid-cpu',
  'mixed-tracepoint-cpu-clock',
]) {
  test(`${name}: same as stackcollapse-perf.pl`, async () => {
    await assertSameAsScript(
      join(CPU_FIXTURES, `${name}.txt.gz`),
      join(CPU_FIXTURES, `${name}.folded.gz`),
    );
  });
}

test('quirks: same as stackcollapse-perf.pl, every oddity counted', async () => {
  await assertSameAsScript(join(CPU_FIXTURES, 'quirks.txt'), join(CPU_FIXTURES, 'quirks.folded'));
  const { counters } = await foldBuffer(await readBytes(join(CPU_FIXTURES, 'quirks.txt')), {
    foldAllTracepoints: true,
  });
  const byReason = Object.fromEntries(counters.issues.map((i) => [i.reason, i.count]));
  assert.deepEqual(byReason, {
    'unsupported-event': 1,
    'malformed-line': 2,
    'truncated-last-line': 1,
  });
  // Two samples without a blank line between them fold as one, as the script does.
  assert.equal(counters.eventsAccepted, 7);
});

test('default: tracepoint samples are left out, the first sampling event is folded', async () => {
  const input = await readBytes(join(CPU_FIXTURES, 'mixed-tracepoint-cpu-clock.txt.gz'));
  const folded = await foldBuffer(input);
  assert.equal(folded.event, 'cpu-clock');
  assert.equal(
    folded.text,
    await readFolded(join(CPU_FIXTURES, 'mixed-tracepoint-cpu-clock.cpu-clock-only.folded.gz')),
  );
  const skipped = folded.counters.issues.find((i) => i.reason === 'unsupported-event');
  assert.equal(skipped?.count, 7);
});

test('an explicit event folds the tracepoint samples only', async () => {
  const input = await readBytes(join(CPU_FIXTURES, 'mixed-tracepoint-cpu-clock.txt.gz'));
  const folded = await foldBuffer(input, { event: 'net:netif_receive_skb' });
  assert.equal(folded.folder.samples, 7);
  // Tracepoint samples print no period: each weighs 1.
  assert.equal(totalOf(folded.text), 7);
  for (const line of folded.text.trimEnd().split('\n')) assert.match(line, /netif_receive_skb/);
});

test('tiny chunks fold like one chunk', async () => {
  const whole = await readBytes(join(CPU_FIXTURES, 'quirks.txt'));
  const head = (await readBytes(join(CPU_FIXTURES, 'cpu-clock-ns.txt.gz'))).subarray(0, 20_000);
  for (const data of [whole, head]) {
    const expected = await foldBuffer(data);
    for (const size of [1, 2, 3, 7]) {
      const got = await foldBuffer(data, {}, size);
      assert.equal(got.text, expected.text, `chunk size ${size}`);
      assert.deepEqual(got.counters, expected.counters, `chunk size ${size}`);
    }
  }
});

test('samples carry cpu, ns timestamp and period', async () => {
  const text =
    'swapper     0 [001]  12345.678901234:    2004008 cpu-clock:ppp: \n\tffffffff81000001 default_idle+0x1 ([kernel.kallsyms])\n\n';
  const { StackFolder } = await import('../../src/cpu/fold-stacks.js');
  const { readPerfScriptStacks } = await import('../../src/cpu/perf-script-stacks.js');
  const { createIngestCounters } = await import('../../src/model/ingest.js');
  const seen: string[] = [];
  const folder = new StackFolder();
  await readPerfScriptStacks(
    (async function* () {
      yield Buffer.from(text);
    })(),
    {
      onSample: (s) => {
        seen.push(
          `${s.comm} ${s.cpu} ${s.sec}.${s.ns} ${s.period} ${s.event} ${s.frames.join(',')}`,
        );
        folder.onSample(s);
      },
    },
    { file: 'x', counters: createIngestCounters() },
  );
  assert.deepEqual(seen, ['swapper 1 12345.678901234 2004008 cpu-clock:ppp default_idle']);
});

test('not perf script at all: one FormatError', async () => {
  const lines = Array.from({ length: 60 }, (_, i) => `line ${i}: nothing to see (here)`);
  await assert.rejects(foldBuffer(Buffer.from(lines.join('\n'))), FormatError);
  await assert.rejects(foldBuffer(Buffer.from('just one line\n')), FormatError);
});

test('empty input folds to nothing', async () => {
  const folded = await foldBuffer(Buffer.alloc(0));
  assert.equal(folded.text, '');
  assert.equal(folded.event, null);
});

test('binary garbage and over-long lines are counted, never thrown', async () => {
  const good = 'a.out 1 [000] 1.000001: 10 cpu-clock: \n\t1 main (/a.out)\n\n';
  const data = Buffer.concat([
    Buffer.from(good),
    Buffer.from([0x00, 0x01, 0xff, 0x0a]),
    Buffer.from(`x${'y'.repeat(5000)}\n`),
    Buffer.from(good),
  ]);
  const folded = await foldBuffer(data);
  assert.equal(folded.text, 'a.out;main 20\n');
  const reasons = folded.counters.issues.map((i) => `${i.reason}:${i.count}`);
  assert.deepEqual(reasons, ['binary-garbage:1', 'line-too-long:1']);
});

test('lost records add to lost events', async () => {
  const text =
    'perf 1 [000] 1.000001: PERF_RECORD_LOST lost 42\n\na.out 1 [000] 1.000002: 10 cpu-clock: \n\t1 main (/a.out)\n\n';
  const folded = await foldBuffer(Buffer.from(text));
  assert.equal(folded.counters.lostEvents, 42);
  assert.equal(folded.text, 'a.out;main 10\n');
});
