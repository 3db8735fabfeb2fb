/**
 * Analysis throughput: `econ-trace report` (the built CLI, parse + join + statistics + render)
 * on generated run folders of 1M and 10M events, against `wc -l` on the same 10M file as the
 * physical floor. Repetitions are interleaved (wc, 1M, 10M, wc, 1M, 10M, ...) so machine noise
 * hits every subject alike; medians are reported.
 *
 * Run with `npm run bench:analysis` (which builds first). BENCH_REPS sets the repetitions
 * (default 3). Generated folders live in bench/out/runs and are reused while unchanged.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCount, generateRun, type GeneratedRun } from './generate/generate-run.js';
import { measureCommand, median, type Measured } from './support/measure.js';
import { judge, printTable, writeJson } from './support/targets.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIZES = [1_000_000, 10_000_000];
const REPS = Number(process.env.BENCH_REPS ?? 3);

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'commands', 'report.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  const runs: GeneratedRun[] = [];
  for (const events of SIZES) {
    const started = Date.now();
    const run = generateRun({
      dir: join(ROOT, 'bench', 'out', 'runs', formatCount(events)),
      events,
    });
    const how = run.reused
      ? 'reused'
      : `generated in ${((Date.now() - started) / 1000).toFixed(1)} s`;
    console.error(`${run.dir}: ${run.lines} lines, ${(run.bytes / 1e6).toFixed(0)} MB (${how})`);
    runs.push(run);
  }
  const big = runs[runs.length - 1] as GeneratedRun;
  const wc: Measured[] = [];
  const report = new Map<number, Measured[]>(SIZES.map((n) => [n, []]));
  for (let rep = 0; rep < REPS; rep++) {
    wc.push(await measureCommand(['wc', '-l', big.eventFile], ROOT));
    for (const run of runs) {
      const out = join(ROOT, 'bench', 'out', `report-${formatCount(run.events)}`);
      const m = await measureCommand(
        ['node', 'bin/run.js', 'report', run.dir, '--out', out, '-q'],
        ROOT,
      );
      report.get(run.events)?.push(m);
      console.error(
        `rep ${rep + 1}/${REPS} ${formatCount(run.events)}: ${m.wallS.toFixed(2)} s, ${m.maxRssMb.toFixed(0)} MB`,
      );
    }
  }
  const walls = (n: number): number[] => (report.get(n) ?? []).map((m) => m.wallS);
  const rss = (n: number): number[] => (report.get(n) ?? []).map((m) => m.maxRssMb);
  const small = SIZES[0] as number;
  const bigWall = median(walls(big.events));
  const wcWall = median(wc.map((m) => m.wallS));
  const results = judge([
    {
      name: `report ${formatCount(big.events)} wall`,
      value: bigWall,
      unit: 's',
      kind: 'max',
      limit: 10,
      samples: walls(big.events),
    },
    {
      name: `report ${formatCount(big.events)} events/s`,
      value: big.events / bigWall / 1e6,
      unit: 'M ev/s',
      kind: 'min',
      limit: 1,
    },
    {
      name: `report ${formatCount(big.events)} max RSS`,
      value: median(rss(big.events)),
      unit: 'MB',
      kind: 'max',
      limit: 300,
      samples: rss(big.events),
    },
    {
      name: `report ${formatCount(small)} max RSS`,
      value: median(rss(small)),
      unit: 'MB',
      kind: 'max',
      limit: 300,
      samples: rss(small),
    },
    {
      name: `RSS ${formatCount(big.events)} / RSS ${formatCount(small)} (flat)`,
      value: median(rss(big.events)) / median(rss(small)),
      unit: 'x',
      kind: 'max',
      limit: 1.1,
    },
  ]);
  const info: [string, string][] = [
    ['events file', `${big.eventFile} (${(big.bytes / 1e6).toFixed(0)} MB, ${big.lines} lines)`],
    ['repetitions', String(REPS)],
    [`report ${formatCount(small)} wall (median)`, `${median(walls(small)).toFixed(2)} s`],
    ['wc -l wall (median)', `${wcWall.toFixed(3)} s`],
    ['report / wc -l', `${(bigWall / wcWall).toFixed(1)}x`],
  ];
  printTable('analysis throughput', results, info);
  const path = writeJson(ROOT, 'analysis-throughput', {
    node: process.version,
    repetitions: REPS,
    runs: runs.map((r) => ({ dir: r.dir, events: r.events, lines: r.lines, bytes: r.bytes })),
    wcLines: { medianWallS: wcWall, samples: wc },
    report: Object.fromEntries([...report].map(([n, ms]) => [formatCount(n), ms])),
    reportOverWc: bigWall / wcWall,
    targets: results,
  });
  console.error(`wrote ${path}`);
}

await main();
