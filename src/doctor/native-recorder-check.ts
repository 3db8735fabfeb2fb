/**
 * Whether the native recorder (native/) works here: it is built (clang, cc, libbpf-dev), then
 * its loader attaches every probe point for half a second with no devices named, and is stopped
 * as a recording stops it (SIGINT). Not required: without it, bpftrace records, at a higher cost.
 */
import { execa } from 'execa';
import {
  buildNativeRecorder,
  isNativeRecorder,
  type NativeBuild,
} from '../tools/build-native-recorder.js';
import { STAGE_HIST_MARKER } from '../parse/bpftrace-stage-hist.js';
import type { DoctorCheck } from './doctor-report.js';

const ATTACH_MS = 500;
const BASE = { id: 'native-recorder', required: false } as const;

function firstError(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.startsWith('ERROR')) ?? stderr.trim();
  return line.slice(0, 200) || 'no output';
}

export async function checkNativeRecorder(
  build: () => Promise<NativeBuild> = () => buildNativeRecorder(),
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
  const run = await execa(
    built.loader,
    [built.object, '0', '0', '0', '0', '-', '-', '-', '-', '-', 'all'],
    {
      reject: false,
      stdin: 'ignore',
      timeout: ATTACH_MS,
      killSignal: 'SIGINT',
      env: { LC_ALL: 'C' },
    },
  );
  const stdout = typeof run.stdout === 'string' ? run.stdout : '';
  const stderr = typeof run.stderr === 'string' ? run.stderr : '';
  const attached = /^Attaching (\d+) probes/m.exec(stderr);
  if (attached && stdout.includes(STAGE_HIST_MARKER)) {
    return {
      ...BASE,
      ok: true,
      detail: `built with clang and libbpf; ${attached[1]} BTF raw tracepoints attached (the default recorder)`,
      fix: '',
    };
  }
  return {
    ...BASE,
    ok: false,
    detail: `built, but it does not attach: ${firstError(stderr)} (bpftrace records instead)`,
    fix: 'needs root, BTF (/sys/kernel/btf/vmlinux) and BTF raw tracepoints (Linux 5.5 or newer); or pass --tracer bpftrace',
  };
}
