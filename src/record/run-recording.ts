/**
 * Carries out a RecordPlan: writes the start manifest (partial, "recording"), starts bpftrace
 * and waits until its probes are attached, then perf and the workload, and stops at the first
 * of: duration, packet count, workload end, SIGINT/SIGTERM, bpftrace dying. Stopping is ordered
 * so nothing is cut short: the workload first, a short tail for packets in flight, perf, then
 * SIGINT to bpftrace so it prints what it holds. Whatever happens, the manifest is completed,
 * so `inspect` and `report` can read the folder.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunManifest } from '../model/manifest.js';
import type { Progress } from '../cli/progress.js';
import { writeManifest } from '../run-folder/write-manifest.js';
import { composeFunctionProbeProgram } from '../tools/compose-bpftrace-program.js';
import { finishManifest, type RecordEnding } from './finish-manifest.js';
import { RUN_FILES, type RecordPlan } from './record-plan.js';
import { describeTracerFailure } from './scan-bpftrace-stderr.js';
import { formatRecordCost, readAggregateCounts, type RecordCost } from './record-cost.js';
import { startBpftrace } from './start-bpftrace.js';
import { startPerf, type PerfRun } from './start-perf.js';
import { runCommandWorkload, runLabWorkload, type WorkloadEnd } from './run-workloads.js';
import { listenForStopSignals } from './stop-signals.js';

export interface RecordingHooks {
  progress?: Progress;
  /** Installs the stop-request listener; returns its remover. Default: SIGINT and SIGTERM. */
  listenForStop?: (stop: (signal: string) => void) => () => void;
  /** Wait after the workload stops, for packets still in flight (ms). */
  tailMs?: number;
  readyTimeoutMs?: number;
  /** Receives what the recording cost and lost, once it has ended. */
  onCost?: (cost: RecordCost) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function runRecording(
  plan: RecordPlan,
  hooks: RecordingHooks = {},
): Promise<RunManifest> {
  const dir = plan.dir;
  await writeManifest(dir, plan.manifest);
  if (plan.tracer.compose) {
    const { programFile, ...compose } = plan.tracer.compose;
    await writeFile(programFile, await composeFunctionProbeProgram(compose));
  }

  let settle: (ending: RecordEnding) => void = () => undefined;
  const stopped = new Promise<RecordEnding>((resolve) => (settle = resolve));
  let ended = false;
  const requestStop = (ending: RecordEnding): void => {
    if (!ended) settle(ending);
    ended = true;
  };
  const removeListener = (hooks.listenForStop ?? listenForStopSignals)((signal) =>
    requestStop({ kind: 'signal', signal }),
  );

  const bt = startBpftrace({
    tracer: plan.tracer,
    eventsFile: join(dir, RUN_FILES.events),
    stderrFile: join(dir, RUN_FILES.bpftraceStderr),
    packetDevices: plan.packetDevices,
    aggregatesFile: plan.aggregatesFile,
    onPacket: (n) => {
      if (plan.packets !== null && n >= plan.packets) requestStop({ kind: 'packets', count: n });
    },
    ...(hooks.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: hooks.readyTimeoutMs }),
  });
  void bt.done.then((exit) => {
    const how = exit.signal
      ? `was killed by ${exit.signal}`
      : `exited with code ${exit.exitCode ?? '?'}`;
    requestStop({
      kind: 'tracer-died',
      message: describeTracerFailure(bt.scan, `${plan.tracer.name} ${how} while recording`),
    });
  });

  const cancel = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  let perf: PerfRun | null = null;
  let workload: Promise<WorkloadEnd | null> = Promise.resolve(null);
  let failure: unknown = null;
  let started = Date.now();
  try {
    await Promise.race([bt.ready, stopped]);
    started = Date.now();
    if (!ended) {
      if (plan.perf) {
        perf = await startPerf({
          plan: plan.perf,
          recordLog: join(dir, RUN_FILES.perfRecordLog),
          scriptFile: join(dir, RUN_FILES.perfScript),
          scriptLog: join(dir, RUN_FILES.perfScriptLog),
        });
      }
      workload = startWorkload(plan, cancel.signal, requestStop);
      // A lab workload runs for the duration itself; anything else is timed here.
      if (plan.durationSec !== null && plan.labWorkload === null) {
        const seconds = plan.durationSec;
        timers.push(setTimeout(() => requestStop({ kind: 'duration', seconds }), seconds * 1000));
      }
      timers.push(
        setInterval(
          () => hooks.progress?.update(describeProgress(bt.stats, bt.scan.lostEvents, started)),
          1000,
        ),
      );
    }
  } catch (err) {
    failure = err;
    requestStop(
      bt.scan.attachFailure || (err as { code?: string }).code === 'tracer-failed'
        ? { kind: 'tracer-died', message: messageOf(err) }
        : { kind: 'error', message: messageOf(err) },
    );
  }

  const ending = await stopped;
  const stoppedAt = Date.now();
  for (const t of timers) clearTimeout(t);
  cancel.abort();
  await workload.catch(() => null);
  if (ending.kind !== 'tracer-died') await sleep(hooks.tailMs ?? 300);
  const perfDone = perf?.finish().catch((err: unknown) => {
    failure ??= err;
  });
  bt.stop();
  await Promise.all([bt.done, perfDone]);
  removeListener();

  const lost = bt.stats.lostEvents + bt.scan.lostEvents;
  const manifest = finishManifest(plan.manifest, ending, lost, new Date().toISOString());
  await writeManifest(dir, manifest);
  const seconds = (stoppedAt - started) / 1000;
  const cost: RecordCost = {
    seconds,
    eventsPrinted: bt.stats.events,
    eventsPerSec: seconds > 0 ? bt.stats.events / seconds : 0,
    lostEvents: lost,
    ...(await readAggregateCounts(plan.aggregatesFile)),
  };
  hooks.onCost?.(cost);
  hooks.progress?.done(
    `${manifest.status}: ${describeProgress(bt.stats, bt.scan.lostEvents, started)}${manifest.statusReason ? ` (${manifest.statusReason})` : ''}; ${formatRecordCost(cost)}`,
  );
  // A start that never got going is an error for the command, after the folder is made readable.
  if (failure !== null) throw failure;
  return manifest;
}

function startWorkload(
  plan: RecordPlan,
  cancel: AbortSignal,
  requestStop: (ending: RecordEnding) => void,
): Promise<WorkloadEnd | null> {
  const log = join(plan.dir, RUN_FILES.workloadLog);
  const run = plan.labWorkload
    ? runLabWorkload(plan.labWorkload, log, cancel)
    : plan.command
      ? runCommandWorkload(plan.command, log, cancel)
      : null;
  if (run === null) return Promise.resolve(null);
  return run.then(
    (end) => {
      if (!end.stopped) {
        requestStop(
          end.exitCode === 0 && end.signal === null
            ? { kind: 'workload-done' }
            : {
                kind: 'workload-failed',
                argv: end.argv,
                exitCode: end.exitCode,
                signal: end.signal,
              },
        );
      }
      return end;
    },
    (err: unknown) => {
      requestStop({ kind: 'error', message: messageOf(err) });
      return null;
    },
  );
}

function describeProgress(
  stats: { events: number; packets: number; lostEvents: number },
  stderrLost: number,
  started: number,
): string {
  const elapsed = (Date.now() - started) / 1000;
  const rate = elapsed > 0 ? Math.round(stats.events / elapsed) : 0;
  return `${elapsed.toFixed(0)} s, ${stats.events} events (${rate}/s), ${stats.packets} packets, ${stats.lostEvents + stderrLost} lost`;
}
