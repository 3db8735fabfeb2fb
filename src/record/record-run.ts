/**
 * `econ-trace record` end to end: checks root and tools, mounts tracefs when needed (and says
 * so), reads the machine's facts, plans the lab workload, prepares the run folder, builds the
 * plan and runs it. Returns the final manifest; the folder is readable whatever happened.
 */
import type { RunManifest } from '../model/manifest.js';
import { ensureTracefs, planWorkload, readLabStatus, type WorkloadPlan } from '../lab/index.js';
import { buildRecordPlan } from './build-record-plan.js';
import { readHostFacts } from './host-facts.js';
import { pickNativeRecorder } from './pick-native-recorder.js';
import { prepareRunFolder } from './prepare-run-folder.js';
import { RecordError } from './record-error.js';
import type { RecordRequest } from './record-request.js';
import { runRecording, type RecordingHooks } from './run-recording.js';
import type { RecordCost } from './record-cost.js';

export interface RecordRunOptions extends RecordingHooks {
  bpftrace?: string;
  perf?: string;
  /** Warnings and notices for stderr. */
  notice?: (line: string) => void;
}

export interface RecordResult {
  dir: string;
  manifest: RunManifest;
  /** What the recording cost and lost; null when it never got going. */
  cost: RecordCost | null;
}

export function checkRoot(uid = process.getuid?.()): void {
  if (uid !== 0) {
    throw new RecordError(
      'not-root',
      `recording attaches kernel probes and needs root (running as uid ${uid ?? 'unknown'})`,
      'run it with sudo: sudo econ-trace record ...',
    );
  }
}

async function planLabWorkload(request: RecordRequest): Promise<WorkloadPlan | null> {
  if (request.lab === null) return null;
  const status = await readLabStatus();
  const ready = request.lab.path === 'overlay' ? status.overlayReady : status.hostReady;
  if (!ready) {
    throw new RecordError(
      'bad-flag',
      `--lab: the lab's ${request.lab.path} path is not up`,
      'bring it up first: sudo econ-trace lab up',
    );
  }
  return planWorkload({
    kind: request.lab.kind,
    path: request.lab.path,
    durationSec: request.durationSec ?? 5,
    ratePerSec: request.lab.ratePerSec,
    payloadBytes: request.lab.payloadBytes,
  });
}

export async function recordRun(
  request: RecordRequest,
  opts: RecordRunOptions = {},
): Promise<RecordResult> {
  checkRoot();
  const notice = opts.notice ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (await ensureTracefs())
    notice('mounted tracefs on /sys/kernel/tracing (tracepoints attach only with it)');
  const facts = await readHostFacts({
    bpftrace: opts.bpftrace ?? 'bpftrace',
    perf: request.cpu ? (opts.perf ?? 'perf') : null,
    netns: request.netns,
  });
  if (facts.econ && request.probes === null) {
    notice(
      'ECON kernel: the default programs have no ECON probes; add --probes fentry or kprobe to record ECON decisions',
    );
  }
  const labWorkload = await planLabWorkload(request);
  const native = await pickNativeRecorder(request, notice);
  await prepareRunFolder(
    request.out,
    request.force,
    request.cpu !== null,
    request.mode === 'aggregate' || native !== null,
  );
  const plan = buildRecordPlan({
    request,
    facts,
    startedAt: new Date().toISOString(),
    labWorkload,
    native,
    ...(opts.bpftrace ? { bpftrace: opts.bpftrace } : {}),
    ...(opts.perf ? { perf: opts.perf } : {}),
  });
  let cost: RecordCost | null = null;
  const manifest = await runRecording(plan, {
    ...opts,
    onCost: (c) => {
      cost = c;
      opts.onCost?.(c);
    },
  });
  return { dir: request.out, manifest, cost };
}
