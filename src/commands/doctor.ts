import { Flags } from '@oclif/core';
import { EconCommand } from '../cli/econ-command.js';
import type { DoctorReport } from '../doctor/doctor-report.js';

export default class Doctor extends EconCommand {
  static override summary =
    'What this host can record, and how to fix what it cannot (run as root).';

  static override description = `Checks privileges, bpftrace and perf and their versions, tracefs, BTF,
whether this is an ECON kernel and ECON is enabled, and for each probe
mechanism (fentry, kprobe, tracepoint) whether it really attaches here: each
is tried with a tiny program, never assumed. Builds the native recorder
(clang, libbpf) and attaches it for half a second. Then shows which
mechanism each receive-path checkpoint would use in the bpftrace programs.
Every failed check ends with the one-line fix. Exits 3 when a required check
fails.`;

  static override examples = [
    'sudo <%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ];

  static override flags = {
    bpftrace: Flags.string({ description: 'bpftrace executable to check', default: 'bpftrace' }),
    perf: Flags.string({ description: 'perf executable to check', default: 'perf' }),
  };

  static override enableJsonFlag = true;

  async run(): Promise<DoctorReport> {
    const { flags } = await this.parse(Doctor);
    const { runDoctor } = await import('../doctor/run-doctor.js');
    const { formatDoctor } = await import('../doctor/format-doctor.js');
    const report = await runDoctor({ bpftrace: flags.bpftrace, perf: flags.perf });
    if (!this.jsonEnabled()) this.log(formatDoctor(report).trimEnd());
    if (!report.ok) process.exitCode = 3;
    return report;
  }
}
