import { Args } from '@oclif/core';
import { EconCommand } from '../cli/econ-command.js';
import type { InspectResult } from '../inspect/inspect-run.js';

export default class Inspect extends EconCommand {
  static override summary =
    'Show what a run folder holds: manifest, probes, event counts, problems.';

  static override description = `Validates a run folder and streams its events once, without joining packets:
how it was recorded (kernel, probes and their mechanisms, devices,
sampling), its event files, events per probe point and device, the time
span, lost events, and every skipped record counted by reason with file:line
examples. Use it before a report, or to check a recording you just made.`;

  static override examples = ['<%= config.bin %> <%= command.id %> fixtures/runs/overlay-vanilla'];

  static override args = {
    run: Args.string({ description: 'run folder', required: true }),
  };

  static override enableJsonFlag = true;

  async run(): Promise<InspectResult> {
    const { args } = await this.parse(Inspect);
    const { inspectRun } = await import('../inspect/inspect-run.js');
    const { formatInspect } = await import('../inspect/format-inspect.js');
    const result = await inspectRun(args.run);
    if (!this.jsonEnabled()) this.log(formatInspect(result).trimEnd());
    return result;
  }
}
