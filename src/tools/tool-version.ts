/**
 * Versions of the tracing tools, parsed from their `--version` output:
 *   bpftrace: "bpftrace v0.17.0" (some distribution builds add a suffix, e.g. "v0.20.2-1")
 *   perf:     "perf version 6.1.192"
 * bpftrace's version decides how fentry probes are spelled: `kfunc:`/`kretfunc:` until 0.19,
 * `fentry:`/`fexit:` from 0.20.0 on (CHANGELOG 0.20.0: "Add fentry/fexit aliases for
 * kfunc/kretfunc", bpftrace PR #2844; kfunc stays accepted as an alias).
 */
import { buildVersionArgv } from './tool-argv.js';
import { runTool } from './run-tool.js';

export interface ToolVersion {
  major: number;
  minor: number;
  patch: number;
  /** The version as printed, e.g. "v0.17.0". */
  text: string;
}

/** How an installed bpftrace names fentry/fexit probes. */
export type FentrySpelling = 'kfunc' | 'fentry';

const BPFTRACE_VERSION = /^bpftrace v?(\d+)\.(\d+)(?:\.(\d+))?\S*/m;
const PERF_VERSION = /^perf version (\d+)\.(\d+)(?:\.(\d+))?\S*/m;

/** Version from `bpftrace --version` output; null when the text is not that. */
export function parseBpftraceVersion(text: string): ToolVersion | null {
  return matchVersion(BPFTRACE_VERSION, text, 'bpftrace ');
}

/** Version from `perf --version` output; null when the text is not that. */
export function parsePerfVersion(text: string): ToolVersion | null {
  return matchVersion(PERF_VERSION, text, 'perf version ');
}

function matchVersion(re: RegExp, text: string, prefix: string): ToolVersion | null {
  const m = re.exec(text);
  if (!m) return null;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3] ?? '0'),
    text: m[0].slice(prefix.length),
  };
}

/** `fentry` from bpftrace 0.20.0 on, `kfunc` before. */
export function pickFentrySpelling(version: ToolVersion): FentrySpelling {
  return version.major > 0 || version.minor >= 20 ? 'fentry' : 'kfunc';
}

/** Runs `<bpftrace> --version`; throws ToolError when it cannot run, Error when unparsable. */
export async function detectBpftraceVersion(bpftrace = 'bpftrace'): Promise<ToolVersion> {
  const result = await runTool(bpftrace, buildVersionArgv(), { timeoutMs: 10_000 });
  const version = parseBpftraceVersion(result.stdout);
  if (!version) {
    throw new Error(`${bpftrace} --version printed no version: ${result.stdout.slice(0, 80)}`);
  }
  return version;
}

/** Runs `<perf> --version`; throws ToolError when it cannot run, Error when unparsable. */
export async function detectPerfVersion(perf = 'perf'): Promise<ToolVersion> {
  const result = await runTool(perf, buildVersionArgv(), { timeoutMs: 10_000 });
  const version = parsePerfVersion(result.stdout);
  if (!version)
    throw new Error(`${perf} --version printed no version: ${result.stdout.slice(0, 80)}`);
  return version;
}
