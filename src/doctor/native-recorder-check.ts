/**
 * Whether the native recorder (native/) works here: it is built (clang, cc, libbpf-dev), then
 * its loader attaches every probe point with no devices named, runs half a second once its
 * "Attaching" banner is out, and is stopped as a recording stops it (SIGINT). Loading waits for
 * the banner, not a fixed time: parsing the kernel's BTF can take seconds on a busy machine.
 * Not required: without it, bpftrace records, at a higher cost.
 */
import { execa } from 'execa';
import {
  buildNativeRecorder,
  isNativeRecorder,
  type NativeBuild,
} from '../tools/build-native-recorder.js';
import { STAGE_HIST_MARKER } from '../parse/bpftrace-stage-hist.js';
import type { DoctorCheck } from './doctor-report.js';

const BASE = { id: 'native-recorder', required: false } as const;
const ATTACHED = /^Attaching (\d+) probes/m;

export interface NativeCheckTimes {
  /** How long the loader may take to load and attach. */
  loadMs: number;
  /** How long it runs attached before it is stopped. */
  attachedMs: number;
  /** How long it may take to print its maps and exit after SIGINT. */
  stopMs: number;
}

const TIMES: NativeCheckTimes = { loadMs: 30_000, attachedMs: 500, stopMs: 10_000 };

function firstError(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.startsWith('ERROR')) ?? stderr.trim();
  return line.slice(0, 200) || 'no output';
}

/** Runs the loader: SIGINT `attachedMs` after its banner, or once `loadMs` passes without one. */
async function attachBriefly(
  loader: string,
  args: string[],
  times: NativeCheckTimes,
): Promise<{ stdout: string; stderr: string; loadTimedOut: boolean }> {
  const child = execa(loader, args, { reject: false, stdin: 'ignore', env: { LC_ALL: 'C' } });
  let stderrSoFar = '';
  let loadTimedOut = false;
  let stopTimer: NodeJS.Timeout | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    child.kill('SIGINT');
    killTimer = setTimeout(() => child.kill('SIGKILL'), times.stopMs);
  };
  const loadTimer = setTimeout(() => {
    loadTimedOut = true;
    stop();
  }, times.loadMs);
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrSoFar += chunk.toString('utf8');
    if (stopTimer === undefined && ATTACHED.test(stderrSoFar)) {
      clearTimeout(loadTimer);
      stopTimer = setTimeout(stop, times.attachedMs);
    }
  });
  const run = await child;
  for (const t of [loadTimer, stopTimer, killTimer]) clearTimeout(t);
  return {
    stdout: typeof run.stdout === 'string' ? run.stdout : '',
    stderr: typeof run.stderr === 'string' ? run.stderr : '',
    loadTimedOut,
  };
}

export async function checkNativeRecorder(
  build: () => Promise<NativeBuild> = () => buildNativeRecorder(),
  times: NativeCheckTimes = TIMES,
): Promise<DoctorCheck> {
  const built = await build();
  if (!isNativeRecorder(built)) {
    return {
      ...BASE,
      ok: false,
      detail: `not built: ${built.reason} (bpftrace records instead, at a higher cost)`,
      fix: built.fix,
    };
  }
  // Fixed arguments: no namespace filter, sampling off, no device names, every point.
  const args = [built.object, '0', '0', '0', '0', '-', '-', '-', '-', '-', 'all'];
  const { stdout, stderr, loadTimedOut } = await attachBriefly(built.loader, args, times);
  const attached = ATTACHED.exec(stderr);
  if (attached && stdout.includes(STAGE_HIST_MARKER)) {
    return {
      ...BASE,
      ok: true,
      detail: `built with clang and libbpf; ${attached[1]} BTF raw tracepoints attached (the default recorder)`,
      fix: '',
    };
  }
  const why = attached
    ? 'attached, but printed no aggregates when stopped'
    : loadTimedOut
      ? `did not attach within ${times.loadMs / 1000} s`
      : firstError(stderr);
  return {
    ...BASE,
    ok: false,
    detail: `built, but it does not attach: ${why} (bpftrace records instead)`,
    fix: 'needs root, BTF (/sys/kernel/btf/vmlinux) and BTF raw tracepoints (Linux 5.5 or newer); or pass --tracer bpftrace',
  };
}
