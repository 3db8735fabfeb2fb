import { EconCommand } from '../../cli/econ-command.js';

export default class LabStatusCommand extends EconCommand {
  static override summary =
    'Show which lab namespaces and devices exist, and whether each path is ready.';

  static override examples = ['<%= config.bin %> <%= command.id %>'];

  static override enableJsonFlag = true;

  async run(): Promise<unknown> {
    await this.parse(LabStatusCommand);
    const { readLabStatus } = await import('../../lab/index.js');
    const { formatLabStatus } = await import('../../lab/format-lab-status.js');
    const status = await readLabStatus();
    if (!this.jsonEnabled()) this.log(formatLabStatus(status).trimEnd());
    return status;
  }
}
