/**
 * Regenerates the synthetic ECON fixture from the real vanilla overlay fixture:
 *   npx tsx scripts/make-econ-fixture.ts [SOURCE_RUN] [OUT_RUN]
 * Defaults: fixtures/runs/overlay-vanilla -> fixtures/runs/overlay-econ-synthetic.
 */
import { deriveEconRun } from '../src/synth/derive-econ-run.js';

const source = process.argv[2] ?? 'fixtures/runs/overlay-vanilla';
const out = process.argv[3] ?? 'fixtures/runs/overlay-econ-synthetic';
const command = ['npx', 'tsx', 'scripts/make-econ-fixture.ts', source, out];
deriveEconRun(source, out, command).then(
  (s) => {
    const cpu = s.cpu
      ? `; CPU samples ${s.cpu.samples}, ${s.cpu.eligible} in skipped stages, ` +
        `${s.cpu.removed} removed, ${s.cpu.added} ECON samples added`
      : '; no CPU samples in the source';
    process.stdout.write(
      `${out}: ${s.packets} packets, ${s.hits} ECON hits, ${s.misses} misses, ${s.events} events${cpu}\n`,
    );
  },
  (err: unknown) => {
    process.stderr.write(
      `make-econ-fixture: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exitCode = 2;
  },
);
