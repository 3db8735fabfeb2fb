/**
 * Building the report in a worker thread gives exactly what buildReport gives in this thread:
 * the same model on the bundled fixtures (a baseline and two comparisons), the same progress,
 * and the same error classes and messages for a folder that is not a run and for an event file
 * in the wrong format, so the CLI maps them to the same codes. Which thread the CLI picks is
 * decided by the runs' event bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FormatError } from '../../src/parse/format-error.js';
import type { AnalyseProgress } from '../../src/pipeline/analyse-run.js';
import { buildReport } from '../../src/pipeline/build-report.js';
import { buildReportInWorker } from '../../src/pipeline/build-report-in-worker.js';
import { ANALYSIS_WORKER_MIN_BYTES, eventBytes } from '../../src/pipeline/pick-report-thread.js';
import { RunFolderError } from '../../src/run-folder/run-folder-error.js';
import { baseManifest, makeRun } from '../commands/make-run.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/runs/${name}`, import.meta.url));
const FIXTURES = [fixture('overlay-vanilla'), fixture('overlay-econ-synthetic'), fixture('host')];

test("the worker builds the same model as this thread, with each run's first and last progress", async () => {
  const here: AnalyseProgress[] = [];
  const there: AnalyseProgress[] = [];
  const expected = await buildReport(FIXTURES, (p) => here.push(p));
  const model = await buildReportInWorker(FIXTURES, (p) => there.push(p));
  assert.deepEqual(model, expected);
  assert.equal(JSON.stringify(model), JSON.stringify(expected));
  // Progress is thinned out, but each run's first and last counts come through.
  const ends = (ps: AnalyseProgress[]) =>
    FIXTURES.map((dir) => {
      const mine = ps.filter((p) => p.source === dir);
      return [mine[0], mine.at(-1)];
    });
  assert.deepEqual(ends(there), ends(here));
  assert.deepEqual(
    there.map((p) => p.source).filter((s, i, all) => all.indexOf(s) === i),
    FIXTURES,
  );
});

async function rejection(build: () => Promise<unknown>): Promise<Error> {
  try {
    await build();
  } catch (err) {
    return err as Error;
  }
  assert.fail('expected a rejection');
}

test('a folder that is not a run: the same RunFolderError from the worker', async () => {
  const dir = await makeRun(null, null);
  try {
    const here = await rejection(() => buildReport([dir]));
    const there = await rejection(() => buildReportInWorker([dir]));
    assert.ok(here instanceof RunFolderError);
    assert.ok(there instanceof RunFolderError);
    assert.equal(there.message, here.message);
    assert.deepEqual([there.file, there.problem, there.fix], [here.file, here.problem, here.fix]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an event file in another format: the same FormatError from the worker', async () => {
  const dir = await makeRun(baseManifest(), 'this is not a bpftrace trace\n');
  try {
    const here = await rejection(() => buildReport([dir]));
    const there = await rejection(() => buildReportInWorker([dir]));
    assert.ok(here instanceof FormatError);
    assert.ok(there instanceof FormatError);
    assert.equal(there.message, here.message);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('event bytes: the fixtures stay in this thread; an unreadable folder counts as none', async () => {
  const bytes = await eventBytes(FIXTURES);
  assert.ok(bytes > 100_000 && bytes < ANALYSIS_WORKER_MIN_BYTES);
  assert.equal(await eventBytes([...FIXTURES, '/nonexistent/run']), 0);
});
