import { Args, Flags } from '@oclif/core';
import { EconCommand } from '../cli/econ-command.js';
import type { ExportResult } from '../export/export-run.js';

export default class Export extends EconCommand {
  static override summary =
    'Export a run for other viewers: Perfetto trace, speedscope profile, or folded stacks.';

  static override description = `Writes one run folder in a format another tool opens:
- perfetto: every packet as a track of its stages (Chrome trace JSON), with
arrows where a packet changes CPU; open it at ui.perfetto.dev.
- speedscope: the run's CPU stack samples (cpu/, when recorded) as a sampled
profile, and the packets' stages as an evented profile; open it at
www.speedscope.app.
- folded: the CPU stack samples folded for flamegraph.pl (the lines
stackcollapse-perf.pl prints); needs cpu/ in the run folder.`;

  static override examples = [
    '<%= config.bin %> <%= command.id %> fixtures/runs/overlay-vanilla --format perfetto --out trace.json',
    '<%= config.bin %> <%= command.id %> runs/vanilla --format folded --out cpu.folded',
  ];

  static override args = {
    run: Args.string({ description: 'run folder', required: true }),
  };

  static override flags = {
    format: Flags.string({
      char: 'f',
      description: 'output format',
      options: ['perfetto', 'speedscope', 'folded'],
      required: true,
    }),
    out: Flags.string({ char: 'o', description: 'file to write', required: true }),
  };

  static override enableJsonFlag = true;

  async run(): Promise<ExportResult> {
    const { args, flags } = await this.parse(Export);
    const { exportRun, EXPORT_FORMATS } = await import('../export/export-run.js');
    const { toExportCliError } = await import('../export/to-export-cli-error.js');
    const format = EXPORT_FORMATS.find((f) => f === flags.format) ?? 'perfetto';
    try {
      const result = await exportRun(args.run, format, flags.out);
      if (!this.jsonEnabled()) this.log(`wrote ${result.out}: ${describe(result)}`);
      return result;
    } catch (err) {
      throw toExportCliError(err);
    }
  }
}

function describe(r: ExportResult): string {
  const parts = [`${r.format}`, `${r.bytes} bytes`];
  if (r.format !== 'folded') parts.push(`${r.packets} packets`);
  if (r.format !== 'perfetto') parts.push(`${r.samples} stack samples`);
  return parts.join(', ');
}
