import { Args, Flags } from '@oclif/core';
import { EconCommand } from '../cli/econ-command.js';
import type { ReportModel } from '../model/report.js';
import { createProgress } from '../cli/progress.js';

export default class Report extends EconCommand {
  static override summary =
    'Analyse run folders: per-stage latency, ECON hit rate, kernel vs kernel.';

  static override description = `Reads one or more run folders (made by \`econ-trace record\`, or the bundled
fixtures), joins events into per-packet timelines and writes a report
folder: report.md, a self-contained report.html, report.json and every chart
as .svg with its vega-lite spec.

With several runs, the first is the baseline and each other run is compared
with it: per-stage and end-to-end p50/p99/mean deltas with 95% bootstrap
intervals, stages one kernel skips that the other walks, and ECON's
fast-path hit rate. Works offline, no root.`;

  static override examples = [
    {
      description: 'Compare the bundled vanilla overlay, synthetic ECON and host-network runs',
      command:
        '<%= config.bin %> <%= command.id %> fixtures/runs/overlay-vanilla fixtures/runs/overlay-econ-synthetic fixtures/runs/host --out report-out',
    },
    {
      description: 'Summarise one run',
      command: '<%= config.bin %> <%= command.id %> runs/vanilla',
    },
    {
      description: 'Machine-readable result (the report model) on stdout',
      command: '<%= config.bin %> <%= command.id %> runs/vanilla runs/econ --json',
    },
  ];

  static override strict = false;

  static override args = {
    runs: Args.string({
      description: 'run folders; the first is the baseline',
      required: true,
    }),
  };

  static override flags = {
    out: Flags.string({
      char: 'o',
      description: 'folder to write the report into (created if missing)',
      default: 'econ-trace-report',
    }),
    quiet: Flags.boolean({ char: 'q', description: 'no progress on stderr' }),
  };

  static override enableJsonFlag = true;

  async run(): Promise<ReportModel> {
    const { argv, flags } = await this.parse(Report);
    const dirs = argv.map(String);
    const progress = createProgress({ quiet: flags.quiet || this.jsonEnabled() });
    // Loaded here, not at the top: vega is heavy and `--help` should stay instant.
    const { buildReportOnBestThread } = await import('../pipeline/pick-report-thread.js');
    const { writeReport } = await import('../render/write-report.js');
    const { renderText } = await import('../render/render-text.js');
    const model = await buildReportOnBestThread(dirs, (p) =>
      progress.update(`${p.source}: ${p.events} events, ${p.packets} packets`),
    );
    const { files } = await writeReport(model, flags.out);
    progress.done(`wrote ${files.length} files to ${flags.out}`);
    if (!this.jsonEnabled()) this.log(renderText(model).trimEnd());
    return model;
  }
}
