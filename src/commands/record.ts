import { Flags } from '@oclif/core';
import { EconCommand } from '../cli/econ-command.js';
import type { RunManifest } from '../model/manifest.js';
import type { RecordCost } from '../record/record-cost.js';
import { createProgress } from '../cli/progress.js';

export interface RecordCommandResult {
  /** The run folder written. */
  dir: string;
  manifest: RunManifest;
  /** What the recording cost and lost (events/s, lost events, packets aggregated vs sampled). */
  cost: RecordCost | null;
}

export default class Record extends EconCommand {
  static override summary =
    'Record packets through the receive path into a run folder (root, live kernel).';

  static override description = `Attaches econ-trace's in-kernel program to the receive path
(netif_receive_skb on each device, sk_data_ready, the application's copy and
the free; in events mode also GRO, netif_rx and veth transmit), streams what
it prints into <out>/events/packets.csv and writes <out>/manifest.json:
kernel, probes as attached, device roles, sampling, lost events, complete or
partial. The folder is what \`econ-trace report\` and \`econ-trace inspect\`
read, on any machine.

What drives the traffic:
- --lab: a workload through the network lab (bring it up first with
\`econ-trace lab up\`); --path overlay (VXLAN, bridge, veth into a
container) or host (no overlay), --workload, --rate, --duration.
- -- <command...>: any command; recording stops when it exits, and a
non-zero exit marks the run partial. Its output goes to
<out>/raw/workload.log.
- nothing: record until --duration, --packets or Ctrl-C.

Outside the lab, name each device's role with --dev NAME=ROLE (underlay,
vxlan, bridge, host-veth, container): the role decides which checkpoint an
event marks.

--mode aggregate (the default) measures every packet's stages in the kernel:
per-stage latency histograms (16 buckets per power of two, percentiles
within 3.2%) written at the end to <out>/aggregates/stages.txt, plus the
full events of one packet in --sample (64) for timelines, flows and
end-to-end spans. It is much cheaper than printing every event.
--mode events prints every event of every kept packet (filters, --packets
and --sample-by flow need it). Every run ends with what it cost: events/s
and lost events, and packets aggregated against packets sampled.

The program is native (--tracer native, the default): BTF raw tracepoints
loaded with libbpf, built on first use with clang and libbpf-dev (apt-get
install clang libbpf-dev). It probes the receive path in aggregate mode
(--checkpoints receive: underlay, vxlan, container, socket, read, free) and
every point in events mode (--checkpoints all: also the sender side, the
NIC, veth transmit and the backlog, at about twice the cost), and keeps the
stage histograms in both. Filters, --packets, --sample-by flow and --probes
need bpftrace (--tracer bpftrace), which costs the datapath more; so does a
machine without clang, where the recorder falls back to bpftrace and says
so.

Filters and sampling run in the kernel and are decided once per packet, at
its first event, so a packet is recorded along its whole path or not at all.
--sample N keeps one packet in N (--sample-by packet: a random draw per
packet; flow: whole flows, by skb->hash). Filter values reach the kernel
only as numbers, never as program text.

Ctrl-C stops the workload and the tracer in order and leaves a partial run
that reports still read. --cpu adds perf stack samples over the same window
(<out>/cpu/perf-script.txt). Needs root; mounts tracefs when it is not
mounted.`;

  static override examples = [
    {
      description: 'UDP request/response through the lab overlay for 5 s',
      command:
        'sudo <%= config.bin %> <%= command.id %> --lab --path overlay --workload udp-rr --rate 2000 --out runs/overlay',
    },
    {
      description: 'The same workload on the host path (no overlay), as a third baseline',
      command:
        'sudo <%= config.bin %> <%= command.id %> --lab --path host --workload udp-rr --rate 2000 --out runs/host',
    },
    {
      description: 'Your own workload; recording stops when it exits',
      command:
        'sudo <%= config.bin %> <%= command.id %> --dev eth0=underlay --dev vxlan0=vxlan --dev veth1=host-veth --out runs/iperf -- iperf3 -c 10.0.2.2 -u -b 10M -t 5',
    },
    {
      description: 'Only UDP to port 5201 from one container, at most 100000 packets',
      command:
        'sudo <%= config.bin %> <%= command.id %> --lab --workload udp-stream --proto udp --dport 5201 --saddr 10.233.1.2 --packets 100000 --out runs/filtered',
    },
    {
      description: 'One flow in ten, with CPU stack samples',
      command:
        'sudo <%= config.bin %> <%= command.id %> --lab --workload tcp-stream --sample 10 --sample-by flow --cpu --out runs/sampled',
    },
  ];

  static override strict = false;

  static override flags = {
    out: Flags.string({ char: 'o', description: 'run folder to write', required: true }),
    force: Flags.boolean({ description: 'replace the content of a non-empty --out folder' }),
    label: Flags.string({ description: 'label shown in reports (default: kernel and path)' }),
    duration: Flags.string({
      char: 'd',
      description: 'stop after this many seconds (lab default 5)',
    }),
    packets: Flags.string({
      description: 'stop after this many packets (outer receives on the underlay)',
    }),
    saddr: Flags.string({ description: 'only packets from this inner IPv4 address' }),
    daddr: Flags.string({ description: 'only packets to this inner IPv4 address' }),
    sport: Flags.string({ description: 'only packets from this transport port' }),
    dport: Flags.string({ description: 'only packets to this transport port' }),
    proto: Flags.string({ description: 'only this protocol', options: ['tcp', 'udp'] }),
    dev: Flags.string({
      description: 'device role, NAME=ROLE (repeatable; not with --lab)',
      multiple: true,
    }),
    netns: Flags.string({
      description: 'only devices and sockets in this network namespace (ip netns name)',
    }),
    mode: Flags.string({
      description:
        'aggregate: stage histograms of every packet in the kernel, events of 1 packet in --sample (default 64); events: every event printed',
      options: ['aggregate', 'events'],
    }),
    tracer: Flags.string({
      description:
        'native (libbpf BTF raw tracepoints, built on first use; the default) or bpftrace (needed for filters, --packets, --sample-by flow, --probes)',
      options: ['native', 'bpftrace'],
    }),
    checkpoints: Flags.string({
      description:
        'native recorder: receive (the receive path; default in aggregate mode) or all (adds sender side, NIC, veth and backlog at about twice the cost; default in events mode)',
      options: ['receive', 'all'],
    }),
    sample: Flags.string({
      description: 'keep one packet (or flow) in N; in aggregate mode, the timelines printed',
    }),
    'sample-by': Flags.string({ description: 'what --sample counts', options: ['packet', 'flow'] }),
    probes: Flags.string({
      description: 'force a probe mechanism',
      options: ['tracepoint', 'fentry', 'kprobe'],
    }),
    lab: Flags.boolean({ description: 'drive traffic through the network lab' }),
    path: Flags.string({ description: 'path the traffic takes', options: ['overlay', 'host'] }),
    workload: Flags.string({
      description: 'lab workload',
      options: ['udp-rr', 'tcp-rr', 'tcp-stream', 'udp-stream'],
    }),
    rate: Flags.string({
      description: 'lab workload messages per second (default: as fast as it goes)',
    }),
    payload: Flags.string({ description: 'lab workload payload bytes (default 64)' }),
    cpu: Flags.boolean({ description: 'also record perf stack samples' }),
    'cpu-freq': Flags.string({ description: 'perf sampling frequency, Hz (default 99)' }),
    bpftrace: Flags.string({ description: 'bpftrace executable', default: 'bpftrace' }),
    quiet: Flags.boolean({ char: 'q', description: 'no progress on stderr' }),
  };

  static override enableJsonFlag = true;

  async run(): Promise<RecordCommandResult> {
    const { flags, argv } = await this.parse(Record);
    const { parseRecordFlags } = await import('../record/parse-record-flags.js');
    const { badFlag } = await import('../record/record-error.js');
    const { checkRoot, recordRun } = await import('../record/record-run.js');
    const dash = this.argv.indexOf('--');
    const command = dash >= 0 ? this.argv.slice(dash + 1) : [];
    if (dash < 0 && argv.length > 0) {
      throw badFlag(
        'out',
        `unexpected argument "${String(argv[0])}"`,
        'put a workload command after --, e.g. -- iperf3 -c 10.0.0.2',
      );
    }
    const request = parseRecordFlags({
      ...flags,
      sampleBy: flags['sample-by'],
      cpuFreq: flags['cpu-freq'],
      command,
    });
    checkRoot();
    const progress = createProgress({ quiet: flags.quiet || this.jsonEnabled() });
    const result = await recordRun(request, { progress, bpftrace: flags.bpftrace });
    if (!this.jsonEnabled()) {
      const m = result.manifest;
      this.log(
        `${result.dir}: ${m.status}${m.statusReason ? ` (${m.statusReason})` : ''}, ${m.lostEvents} lost events`,
      );
      const { formatRecordCost } = await import('../record/record-cost.js');
      if (result.cost) this.log(formatRecordCost(result.cost));
      this.log(`next: econ-trace report ${result.dir}`);
    }
    return result;
  }
}
