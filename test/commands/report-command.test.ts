import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { hasStackTrace, runCli } from './run-cli.js';
import { baseManifest, goodEvents, makeRun } from './make-run.js';

const FIXTURES = [
  'fixtures/runs/overlay-vanilla',
  'fixtures/runs/overlay-econ-synthetic',
  'fixtures/runs/host',
];

async function tempOut(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'econ-report-'));
}

/** The lines of one `== heading ==` section of the human summary. */
function section(stdout: string, heading: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`== ${heading}`));
  assert.ok(start >= 0, `section ${heading} is missing`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('== '));
  return lines.slice(start, end < 0 ? undefined : end).filter((l) => l !== '');
}

test('report on the bundled fixtures: headlines, synthetic marker, every output file', async () => {
  const out = await tempOut();
  try {
    const r = await runCli(['report', ...FIXTURES, '--out', out, '-q']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(section(r.stdout, 'Headlines').slice(0, 1), ['== Headlines ==']);
    const headlines = section(r.stdout, 'Headlines').slice(1);
    assert.equal(headlines.length, 2);
    assert.match(
      headlines[0] ?? '',
      /^\* ECON overlay \[SYNTHETIC\] vs vanilla [^:]+: end-to-end p50 -\d+\.\d%, p99 -\d+\.\d%, ECON hit rate \d+\.\d%$/,
    );
    assert.match(headlines[1] ?? '', /^\* vanilla .* host vs vanilla .*: end-to-end p50 -\d+\.\d%/);
    assert.ok(section(r.stdout, 'Run 2: ECON overlay [SYNTHETIC]').length > 5);
    const files = (await readdir(out)).sort();
    for (const f of ['report.html', 'report.json', 'report.md']) assert.ok(files.includes(f), f);
    for (const id of [
      'stage-breakdown',
      'latency-cdf',
      'stage-percentiles',
      'hit-rate',
      'checkpoints',
    ]) {
      assert.ok(files.includes(`${id}.svg`) && files.includes(`${id}.vl.json`), id);
    }
    const md = await readFile(join(out, 'report.md'), 'utf8');
    assert.match(md, /## Run 2: ECON overlay \\\[SYNTHETIC\\\]/);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('report --json prints the report model, valid against docs/report.schema.json', async () => {
  const out = await tempOut();
  try {
    const r = await runCli(['report', ...FIXTURES, '--out', out, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const model = JSON.parse(r.stdout) as { runs: { synthetic: { value: boolean } }[] };
    const schema = JSON.parse(await readFile('docs/report.schema.json', 'utf8')) as object;
    const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(schema);
    assert.ok(validate(model), JSON.stringify(validate.errors?.slice(0, 5)));
    assert.deepEqual(
      model.runs.map((run) => run.synthetic.value),
      [false, true, false],
    );
    // The JSON on stdout is the same model as report.json.
    assert.deepEqual(model, JSON.parse(await readFile(join(out, 'report.json'), 'utf8')));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('a device named <script> is text in report.html and report.md', async () => {
  const run = await makeRun(baseManifest(), goodEvents(30));
  const out = await tempOut();
  try {
    const r = await runCli(['report', run, '--out', out, '-q']);
    assert.equal(r.exitCode, 0, r.stderr);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    assert.doesNotMatch(html, /<script/i);
    const md = await readFile(join(out, 'report.md'), 'utf8');
    assert.doesNotMatch(md, /<script/i);
  } finally {
    await rm(run, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
});

const UNREADABLE: [string, () => Promise<string>, RegExp][] = [
  ['a folder that does not exist', async () => '/nonexistent/run', /nonexistent/],
  ['a missing manifest', () => makeRun(null, goodEvents(1)), /manifest\.json/],
  ['a manifest that is not JSON', () => makeRun('{ not json', goodEvents(1)), /manifest\.json/],
  [
    'a wrong schema version',
    () => makeRun(baseManifest({ schemaVersion: 2 }), goodEvents(1)),
    /schemaVersion 2/,
  ],
  ['a missing event file', () => makeRun(baseManifest(), null), /packets\.csv/],
  [
    'an event file in another format',
    () => makeRun(baseManifest(), 'hello, this is not a trace\n'),
    /packets\.csv/,
  ],
];

for (const [what, make, message] of UNREADABLE) {
  test(`report on ${what}: one-line error, exit 2, no stack trace`, async () => {
    const run = await make();
    const out = await tempOut();
    try {
      const r = await runCli(['report', run, '--out', out, '-q']);
      assert.equal(r.exitCode, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.ok(!hasStackTrace(r.stderr), r.stderr);
      const errorLines = r.stderr.split('\n').filter((l) => /Error:/.test(l));
      assert.equal(errorLines.length, 1, r.stderr);
    } finally {
      if (run.startsWith(tmpdir())) await rm(run, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
    }
  });
}

test('report on bad records: counted by reason with file:line, the rest still analysed', async () => {
  const garbage = Buffer.concat([
    Buffer.from(goodEvents(25)),
    Buffer.from('12345,0,netif_rx,ulB\n'),
    Buffer.from('1,0,no_such_point,ulB,ffff1,60,,,,,,,,\n'),
    Buffer.from([0x00, 0x01, 0xff, 0x0a]),
    Buffer.from(`9,0,netif_rx,ulB,ffff1,${'9'.repeat(10_000)}\n`),
    Buffer.from('1000000999999,0,netif_rx,ulB,ffff2'),
  ]);
  const run = await makeRun(baseManifest(), garbage);
  const out = await tempOut();
  try {
    const r = await runCli(['report', run, '--out', out, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const model = JSON.parse(r.stdout) as {
      runs: {
        packets: { total: number };
        ingest: {
          issues: { reason: string; count: number; examples: { file: string; line: number }[] }[];
        };
      }[];
    };
    const run0 = model.runs[0];
    assert.ok(run0);
    assert.equal(run0.packets.total, 25);
    const reasons = Object.fromEntries(run0.ingest.issues.map((i) => [i.reason, i.count]));
    for (const reason of [
      'missing-columns',
      'unknown-point',
      'binary-garbage',
      'line-too-long',
      'truncated-last-line',
    ]) {
      assert.ok((reasons[reason] ?? 0) >= 1, `${reason} counted: ${JSON.stringify(reasons)}`);
    }
    const missing = run0.ingest.issues.find((i) => i.reason === 'missing-columns');
    assert.deepEqual(missing?.examples[0] && [missing.examples[0].file, missing.examples[0].line], [
      'events/packets.csv',
      202,
    ]);
  } finally {
    await rm(run, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
});

test('an empty event file gives an empty report, not an error', async () => {
  const run = await makeRun(baseManifest(), '');
  const out = await tempOut();
  try {
    const r = await runCli(['report', run, '--out', out, '-q']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, /packets\s+0/);
  } finally {
    await rm(run, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
});

test('report without a run folder explains the usage', async () => {
  const r = await runCli(['report']);
  assert.notEqual(r.exitCode, 0);
  assert.match(r.stderr, /RUNS|runs/);
  assert.ok(!hasStackTrace(r.stderr), r.stderr);
});
