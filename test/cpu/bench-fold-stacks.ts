/**
 * Folding speed against FlameGraph's stackcollapse-perf.pl on a 100 MB perf script file made by
 * repeating the shared reference recording:
 *   npx tsx test/cpu/bench-fold-stacks.ts /path/to/stackcollapse-perf.pl
 * Times both as separate processes (wall clock, start-up included; ours runs the compiled
 * dist/ build, so `npm run build` first), checks the outputs are identical, prints the ratio.
 * The Perl script is not part of this repository: fetch FlameGraph yourself.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { execa } from 'execa';

const script = process.argv[2];
if (!script) {
  process.stderr.write('usage: bench-fold-stacks.ts STACKCOLLAPSE_PERF_PL\n');
  process.exit(2);
}
const TARGET_BYTES = 100_000_000;
const dir = await mkdtemp(join(tmpdir(), 'econ-fold-bench-'));
const input = join(dir, 'big.perf-script.txt');
const sample = gunzipSync(await readFile('../shared/reference/perf/cpu-clock-g-default.txt.gz'));
const out = createWriteStream(input);
for (let written = 0; written < TARGET_BYTES; written += sample.length) out.write(sample);
await new Promise((r) => out.end(r));

const FOLD = `
import { foldCpuFile } from './dist/cpu/fold-cpu-file.js';
import { formatFoldedLines } from './dist/cpu/fold-stacks.js';
const { folder } = await foldCpuFile(process.argv[1], 'input', { foldAllTracepoints: true });
for (const line of formatFoldedLines(folder.stacks)) process.stdout.write(line, 'latin1');
`;

async function timed(argv: string[], file: string): Promise<number> {
  const t0 = performance.now();
  await execa(argv[0] ?? 'node', argv.slice(1), { stdout: { file } });
  return (performance.now() - t0) / 1000;
}

try {
  const size = (await stat(input)).size;
  const perl = await timed(['perl', script, input], join(dir, 'perl.folded'));
  const ours = await timed(
    ['node', '--input-type=module', '-e', FOLD, input],
    join(dir, 'ours.folded'),
  );
  const same = (await readFile(join(dir, 'perl.folded'))).equals(
    await readFile(join(dir, 'ours.folded')),
  );
  process.stdout.write(
    `input ${(size / 1e6).toFixed(1)} MB\n` +
      `stackcollapse-perf.pl ${perl.toFixed(2)} s\n` +
      `econ-trace fold       ${ours.toFixed(2)} s\n` +
      `speed-up              ${(perl / ours).toFixed(1)}x\n` +
      `identical output      ${same ? 'yes' : 'NO'}\n`,
  );
  if (!same) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
