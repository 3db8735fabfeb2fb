/**
 * Whether a probe mechanism really attaches here: bpftrace runs a tiny fixed program that
 * attaches one probe on netif_receive_skb and exits at once (on the first packet, or after
 * 200 ms when none arrives). Only the exit status and bpftrace's own ERROR lines decide;
 * `bpftrace --info` is not trusted (0.17 says "kprobe: yes" on kernels without CONFIG_KPROBES).
 */
import { buildBpftraceInlineArgv } from '../tools/tool-argv.js';
import type { FentrySpelling } from '../tools/tool-version.js';
import { runTool } from '../tools/run-tool.js';
import type { PlannableMechanism } from './plan-probes.js';

export interface AttachResult {
  mechanism: PlannableMechanism;
  /** The program that was tried. */
  program: string;
  ok: boolean;
  /** What happened, one line. */
  detail: string;
}

const ATTACH_TIMEOUT_MS = 15_000;

/** The fixed test program for a mechanism (no input of any kind goes into it). */
export function buildAttachProgram(
  mechanism: PlannableMechanism,
  spelling: FentrySpelling,
): string {
  const probe = {
    fentry: `${spelling}:netif_receive_skb`,
    kprobe: 'kprobe:netif_receive_skb',
    tracepoint: 'tracepoint:net:netif_receive_skb',
  }[mechanism];
  return `${probe} { exit(); } interval:ms:200 { exit(); }`;
}

/**
 * bpftrace 0.17 prints "ERROR: ... couldn't set RLIMIT_MEMLOCK" on every start and carries on
 * (the kernel accounts BPF memory to cgroups since 5.11): that line is not a failure.
 */
export function findAttachErrors(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.includes('ERROR') && !l.includes('RLIMIT_MEMLOCK'))
    .map((l) => l.trim());
}

/**
 * The lines that say why an attach failed: bpftrace's messages without the MEMLOCK notice,
 * warnings, and its echo of the program with the ~~~ underline. The last two, e.g.
 * "create_probe_event: open(/sys/kernel/tracing/kprobe_events): No such file or directory |
 * ERROR: Error attaching probe: 'kprobe:netif_receive_skb'".
 */
export function explainAttachFailure(stderr: string, program: string): string {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== program && !l.startsWith('~'))
    .filter((l) => !l.includes('RLIMIT_MEMLOCK') && !l.includes('WARNING'))
    .slice(-2)
    .join(' | ');
}

export async function tryAttach(
  bpftrace: string,
  mechanism: PlannableMechanism,
  spelling: FentrySpelling,
): Promise<AttachResult> {
  const program = buildAttachProgram(mechanism, spelling);
  const result = await runTool(bpftrace, buildBpftraceInlineArgv(program), {
    timeoutMs: ATTACH_TIMEOUT_MS,
    reject: false,
  });
  const errors = findAttachErrors(result.stderr);
  const probe = program.slice(0, program.indexOf(' '));
  if (result.ok && errors.length === 0) {
    return { mechanism, program, ok: true, detail: `${probe} attached (${result.durationMs} ms)` };
  }
  const how =
    result.failure === 'not-found'
      ? `${bpftrace} not found`
      : result.failure === 'timeout'
        ? `no exit within ${ATTACH_TIMEOUT_MS} ms`
        : result.failure === 'signal'
          ? `bpftrace killed by ${result.signal ?? 'a signal'}`
          : `bpftrace exit ${result.exitCode ?? '?'}`;
  const why = explainAttachFailure(result.stderr, program);
  return {
    mechanism,
    program,
    ok: false,
    detail: `${probe} did not attach: ${how}${why ? `: ${why}` : ''}`,
  };
}
