import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertGolden } from '../support/assert-golden.js';
import { makeCpuRun } from '../export/make-cpu-run.js';
import { hasStackTrace, runCli } from './run-cli.js';

async function withTemp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'econ-export-cmd-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('export perfetto: exit 0, one line naming the file, the file written', async () => {
  await withTemp(async (dir) => {
    const out = join(dir, 'trace.json');
    const r = await runCli(['export', 'fixtures/runs/host', '--format', 'perfetto', '--out', out]);
    assert.equal(r.exitCode, 0, r.stderr);
    const bytes = (await stat(out)).size;
    // The packet count is the joiner's (its rules may change): read it back from the trace.
    const trace = JSON.parse(await readFile(out, 'utf8')) as { traceEvents: { name: string }[] };
    const packets = trace.traceEvents.filter((e) => e.name === 'thread_name').length;
    assert.ok(packets > 3000);
    assert.equal(r.stdout, `wrote ${out}: perfetto, ${bytes} bytes, ${packets} packets`);
    assert.equal(r.stderr, '');
  });
});

test('export folded --json: the typed result, and the folded lines', async () => {
  const run = await makeCpuRun();
  try {
    const out = join(run, 'cpu.folded');
    const r = await runCli(['export', run, '-f', 'folded', '-o', out, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const result = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(result, {
      format: 'folded',
      run,
      out,
      bytes: (await stat(out)).size,
      packets: 0,
      samples: 2002,
    });
    const first = (await readFile(out, 'latin1')).split('\n').slice(0, 3).join('\n');
    assertGolden('export/cpu-clock-default-first-lines.folded', `${first}\n`);
  } finally {
    await rm(run, { recursive: true, force: true });
  }
});

// overlay-perf was recorded without --cpu.
test('export folded of a run without cpu samples: exit 2, the reason and the fix', async () => {
  await withTemp(async (dir) => {
    const out = join(dir, 'x.folded');
    const r = await runCli([
      'export',
      'fixtures/runs/overlay-perf',
      '--format',
      'folded',
      '--out',
      out,
    ]);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'Error: fixtures/runs/overlay-perf has no perf stack samples (cpu/perf-script.txt or cpu/perf-script.txt.gz)\n' +
        '  fix: record with `econ-trace record --cpu`, or export --format perfetto or speedscope',
    );
    const json = await runCli([
      'export',
      'fixtures/runs/overlay-perf',
      '-f',
      'folded',
      '-o',
      out,
      '--json',
    ]);
    assert.equal(json.exitCode, 2);
    assert.equal(
      (JSON.parse(json.stdout) as { error: { code: string } }).error.code,
      'EXPORT_NOT_POSSIBLE',
    );
  });
});

test('export of a folder that is no run: exit 2, no stack trace', async () => {
  await withTemp(async (dir) => {
    const r = await runCli(['export', dir, '--format', 'speedscope', '--out', join(dir, 'p.json')]);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /^Error: .*manifest\.json/);
    assert.ok(!hasStackTrace(r.stderr));
  });
});

test('export without --format or with an unknown one: a usage error', async () => {
  const missing = await runCli(['export', 'fixtures/runs/host', '--out', '/tmp/never-written']);
  assert.equal(missing.exitCode, 2);
  assert.match(missing.stderr, /Missing required flag format/);
  const unknown = await runCli([
    'export',
    'fixtures/runs/host',
    '-f',
    'pdf',
    '-o',
    '/tmp/never-written',
  ]);
  assert.equal(unknown.exitCode, 2);
  assert.match(unknown.stderr, /Expected --format=pdf to be one of: perfetto, speedscope, folded/);
});
