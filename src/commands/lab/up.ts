import { Flags } from '@oclif/core';
import { EconCommand } from '../../cli/econ-command.js';

export default class LabUp extends EconCommand {
  static override summary = 'Build the two-host VXLAN overlay lab from network namespaces (root).';

  static override description = `Creates four network namespaces, as Docker or Flannel wire real hosts:
etlab-hostA and etlab-hostB joined by a veth underlay (ulA <-> ulB), each
with vxlan0 on bridge br0, and a container namespace (etlab-ctrA,
etlab-ctrB) attached by a veth (host side veth-c, container side eth0). The
host path (no overlay) is hostA <-> hostB over the underlay. Starts from a
clean slate: leftovers of an earlier lab are removed first. Touches nothing
outside the etlab- namespaces. Undo with \`econ-trace lab down\`.

The default subnets are ECON's compiled-in ones, so the same lab is
accelerated when run on an ECON kernel.`;

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --underlay 192.168.50.0/24 --overlay 10.50.0.0/16',
  ];

  static override flags = {
    underlay: Flags.string({
      description: 'underlay subnet between the two hosts (CIDR)',
      default: '192.168.0.0/24',
    }),
    overlay: Flags.string({
      description: 'overlay subnet of the containers (CIDR)',
      default: '10.233.0.0/16',
    }),
  };

  static override enableJsonFlag = true;

  async run(): Promise<unknown> {
    const { flags } = await this.parse(LabUp);
    const { bringLabUp, DEFAULT_LAB_CONFIG } = await import('../../lab/index.js');
    const { formatLabStatus } = await import('../../lab/format-lab-status.js');
    const status = await bringLabUp({
      ...DEFAULT_LAB_CONFIG,
      underlaySubnet: flags.underlay,
      overlaySubnet: flags.overlay,
    });
    if (!this.jsonEnabled()) this.log(formatLabStatus(status).trimEnd());
    return status;
  }
}
