import { EconCommand } from '../../cli/econ-command.js';

export default class LabDown extends EconCommand {
  static override summary = 'Remove the lab: every etlab- namespace and what runs in it (root).';

  static override description = `Stops processes left inside the lab's namespaces and deletes every namespace
whose name starts with etlab-, including leftovers of a killed run. Safe to
run twice; touches nothing else on the machine.`;

  static override examples = ['<%= config.bin %> <%= command.id %>'];

  static override enableJsonFlag = true;

  async run(): Promise<{ removed: string[] }> {
    await this.parse(LabDown);
    const { tearLabDown } = await import('../../lab/index.js');
    const removed = await tearLabDown();
    if (!this.jsonEnabled()) {
      this.log(
        removed.length === 0 ? 'no lab namespaces to remove' : `removed ${removed.join(', ')}`,
      );
    }
    return { removed };
  }
}
