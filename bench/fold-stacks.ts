/**
 * Flame folding speed against FlameGraph's stackcollapse-perf.pl, with identical output:
 *   FLAMEGRAPH_DIR=/path/to/FlameGraph npx tsx bench/fold-stacks.ts
 * Makes a perf script file of at least 100 MB by repeating the shared reference recording, then
 * runs both folders as separate processes (start-up included; ours is the compiled dist/ build,
 * so `npm run build` first), interleaved, BENCH_REPS times (default 3), and compares medians.
 * FlameGraph is not part of this repository; without FLAMEGRAPH_DIR the bench says so and stops.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { execa } from 'execa';
import { median } from './support/measure.js';
import { judge, printTable, writeJson } from './support/targets.js';

const ROOT = process.cwd();
const TARGET_BYTES = 100_000_000;
const REPS = Number(process.env.BENCH_REPS ?? 3);
const FOLD = `
import { foldCpuFile } from './dist/cpu/fold-cpu-file.js';
import { formatFoldedLines } from './dist/cpu/fold-stacks.js';
const { folder } = await foldCpuFile(process.argv[1], 'input', { foldAllTracepoints: true });
for (const line of formatFoldedLines(folder.stacks)) process.stdout.write(line, 'latin1');
`;

const perlScript = join(process.env.FLAMEGRAPH_DIR ?? '', 'stackcollapse-perf.pl');
if (!process.env.FLAMEGRAPH_DIR || !existsSync(perlScript)) {
  process.stderr.write(
    'fold-stacks: set FLAMEGRAPH_DIR to a FlameGraph checkout (needs stackcollapse-perf.pl)\n',
  );
  process.exit(3);
}

async function timed(argv: string[], file: string): Promise<number> {
  const t0 = performance.now();
  await execa(argv[0] ?? 'node', argv.slice(1), { stdout: { file } });
  return (performance.now() - t0) / 1000;
}

const dir = await mkdtemp(join(tmpdir(), 'econ-fold-bench-'));
try {
  const input = join(dir, 'big.perf-script.txt');
  const sample = gunzipSync(await readFile('../shared/reference/perf/cpu-clock-g-default.txt.gz'));
  const out = createWriteStream(input);
  for (let written = 0; written < TARGET_BYTES; written += sample.length) out.write(sample);
  await new Promise((r) => out.end(r));
  const perlS: number[] = [];
  const oursS: number[] = [];
  let identical = true;
  for (let rep = 0; rep < REPS; rep++) {
    perlS.push(await timed(['perl', perlScript, input], join(dir, 'perl.folded')));
    oursS.push(
      await timed(['node', '--input-type=module', '-e', FOLD, input], join(dir, 'ours.folded')),
    );
    const same = (await readFile(join(dir, 'perl.folded'))).equals(
      await readFile(join(dir, 'ours.folded')),
    );
    identical &&= same;
    process.stderr.write(
      `rep ${rep + 1}/${REPS}: perl ${perlS.at(-1)?.toFixed(2)} s, econ-trace ${oursS.at(-1)?.toFixed(2)} s\n`,
    );
  }
  const speedUp = median(perlS) / median(oursS);
  const results = judge([
    {
      name: 'speed-up over stackcollapse-perf.pl',
      value: speedUp,
      unit: 'x',
      kind: 'min',
      limit: 3,
      samples: perlS.map((p, i) => p / (oursS[i] ?? 1)),
    },
    {
      name: 'identical output (1 = yes)',
      value: identical ? 1 : 0,
      unit: '',
      kind: 'min',
      limit: 1,
    },
  ]);
  const size = (await stat(input)).size;
  printTable('flame folding', results, [
    ['input', `${(size / 1e6).toFixed(1)} MB perf script`],
    ['stackcollapse-perf.pl (median)', `${median(perlS).toFixed(2)} s`],
    ['econ-trace fold (median)', `${median(oursS).toFixed(2)} s`],
    ['repetitions', String(REPS)],
  ]);
  console.log(`wrote ${writeJson(ROOT, 'fold-stacks', { perlS, oursS, identical, results })}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
