/**
 * Start-up: how long `econ-trace --help`, `econ-trace report --help` and a report on the three
 * bundled fixtures take, from spawn to exit, with the built CLI. Repetitions are interleaved so
 * machine noise hits every command alike; medians are reported. A bare `node -e 0` runs in the
 * same rotation as a reference: the limits are absolute, and these VMs run at different speeds
 * from hour to hour, so the reference shows how fast the machine was during the run.
 *
 * Run with `npm run bench:analysis` (which builds first). BENCH_REPS sets the repetitions
 * (default 5).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureCommand, median, type Measured } from './support/measure.js';
import { judge, printTable, writeJson, type TargetRow } from './support/targets.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPS = Number(process.env.BENCH_REPS ?? 5);
const FIXTURES = [
  'fixtures/runs/overlay-vanilla',
  'fixtures/runs/overlay-econ-synthetic',
  'fixtures/runs/host',
];

const SUBJECTS: { name: string; argv: string[]; limitS: number }[] = [
  { name: 'econ-trace --help', argv: ['node', 'bin/run.js', '--help'], limitS: 0.5 },
  {
    name: 'econ-trace report --help',
    argv: ['node', 'bin/run.js', 'report', '--help'],
    limitS: 0.5,
  },
  {
    name: 'econ-trace report <3 fixtures>',
    argv: ['node', 'bin/run.js', 'report', ...FIXTURES, '--out', 'bench/out/report-fixtures', '-q'],
    limitS: 2,
  },
];

/** Measured with the subjects, not judged. */
const REFERENCE = { name: 'node -e 0 (reference)', argv: ['node', '-e', '0'] };

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'commands', 'report.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  const rotation = [REFERENCE, ...SUBJECTS];
  const samples = new Map<string, Measured[]>(rotation.map((s) => [s.name, []]));
  for (let rep = 0; rep < REPS; rep++) {
    for (const s of rotation) samples.get(s.name)?.push(await measureCommand(s.argv, ROOT));
  }
  const referenceS = median((samples.get(REFERENCE.name) ?? []).map((m) => m.wallS));
  const rows: TargetRow[] = SUBJECTS.map((s) => {
    const walls = (samples.get(s.name) ?? []).map((m) => m.wallS);
    return {
      name: `${s.name} wall`,
      value: median(walls),
      unit: 's',
      kind: 'max',
      limit: s.limitS,
      samples: walls,
    };
  });
  const results = judge(rows);
  const rss = (name: string): string =>
    `${median((samples.get(name) ?? []).map((m) => m.maxRssMb)).toFixed(0)} MB`;
  printTable('start-up', results, [
    ['repetitions', String(REPS)],
    [`${REFERENCE.name} wall`, `${referenceS.toFixed(2)} s`],
    ...SUBJECTS.map((s): [string, string] => [`${s.name} max RSS`, rss(s.name)]),
  ]);
  const path = writeJson(ROOT, 'startup', {
    node: process.version,
    repetitions: REPS,
    referenceWallS: referenceS,
    samples: Object.fromEntries(samples),
    targets: results,
  });
  console.error(`wrote ${path}`);
}

await main();
