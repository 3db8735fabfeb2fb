/**
 * Starts bpftrace for a recording: stdout streams through the CSV tap straight into
 * events/packets.csv (never held in memory), stderr into raw/bpftrace.stderr.log while each line
 * is scanned for lost events and attach errors. `ready` settles once the probes are attached
 * (the header from BEGIN on stdout, or bpftrace's "Attaching" banner on stderr).
 * A tracer with `eventsOnFd3` (the native recorder) is handed events/packets.csv as file
 * descriptor 3 and writes it itself; its stdout, the aggregates, goes to the aggregates file,
 * and its stderr progress lines give the counts the tap gives for bpftrace.
 */
import { closeSync, createWriteStream, openSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { execa } from 'execa';
import { createCsvTap, type CsvTapStats } from './csv-tap.js';
import { RecordError } from './record-error.js';
import type { TracerPlan } from './record-plan.js';
import {
  createLineSplitter,
  createStderrScan,
  describeTracerFailure,
  scanStderrLine,
  type StderrScan,
} from './scan-bpftrace-stderr.js';
import { parseProgressLine } from './tracer-progress.js';

export interface TracerExit {
  exitCode: number | null;
  signal: string | null;
}

export interface BpftraceRun {
  /** Resolves when attached; rejects with a one-line RecordError when bpftrace ends first. */
  ready: Promise<void>;
  /** Resolves when bpftrace has exited and both files are flushed. */
  done: Promise<TracerExit>;
  stats: CsvTapStats;
  scan: StderrScan;
  /** SIGINT: bpftrace prints what it holds and exits; SIGKILL after `graceMs`. */
  stop(graceMs?: number): void;
}

const ATTACHING = /^Attaching \d+ probes?/;

export function startBpftrace(opts: {
  tracer: TracerPlan;
  eventsFile: string;
  stderrFile: string;
  packetDevices: readonly string[];
  /** Aggregate mode: the file the exit dump of the in-kernel maps goes to; null otherwise. */
  aggregatesFile?: string | null;
  /** Called with the running packet count after each packet event. */
  onPacket?: (packets: number) => void;
  readyTimeoutMs?: number;
}): BpftraceRun {
  let markReady: () => void = () => undefined;
  let failReady: (err: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  // Nobody may await `ready` when the run is stopped first; keep that from being unhandled.
  ready.catch(() => undefined);
  const fd3 = opts.tracer.eventsOnFd3 === true;
  if (fd3 && !opts.aggregatesFile)
    throw new Error('a tracer writing fd 3 needs an aggregates file');
  const aggregates = opts.aggregatesFile ? createWriteStream(opts.aggregatesFile) : null;
  const tap = createCsvTap({
    packetDevices: opts.packetDevices,
    ...(aggregates ? { aggregates: (chunk: Buffer) => void aggregates.write(chunk) } : {}),
    onHeader: () => markReady(),
    ...(opts.onPacket ? { onPacket: opts.onPacket } : {}),
  });
  const scan = createStderrScan();
  const splitter = createLineSplitter((line, previous) => {
    scanStderrLine(scan, line, previous);
    if (ATTACHING.test(line)) {
      tap.stats.headerSeen ||= fd3;
      markReady();
    }
    const progress = fd3 ? parseProgressLine(line) : null;
    if (progress) {
      const more = progress.packets > tap.stats.packets;
      tap.stats.events = progress.events;
      tap.stats.packets = progress.packets;
      if (more) opts.onPacket?.(progress.packets);
    }
  });

  const eventsFd = fd3 ? openEventsFile(opts.eventsFile) : null;
  // Its own process group: a Ctrl-C on the terminal reaches us, and we stop bpftrace in order.
  const child = execa(opts.tracer.command, opts.tracer.args, {
    buffer: false,
    reject: false,
    detached: true,
    // A descriptor number at stdio[3] goes to spawn as is; execa's types only list streams.
    stdio: [
      'ignore',
      'pipe',
      'pipe',
      ...(eventsFd === null ? [] : [eventsFd as unknown as 'pipe']),
    ],
    env: { LC_ALL: 'C', ...opts.tracer.env },
  });
  const stdoutDone = (
    !child.stdout
      ? Promise.resolve()
      : fd3 && aggregates
        ? pipeline(child.stdout, aggregates, { end: false })
        : pipeline(child.stdout, tap.stream, createWriteStream(opts.eventsFile))
  ).then(
    () =>
      new Promise<void>((resolve, reject) => {
        if (!aggregates) return resolve();
        aggregates.on('error', reject);
        aggregates.end(resolve);
      }),
  );
  const stderrLog = createWriteStream(opts.stderrFile);
  child.stderr?.on('data', (chunk: Buffer) => splitter.push(chunk.toString('utf8')));
  const stderrDone = child.stderr
    ? pipeline(child.stderr, stderrLog).then(() => splitter.end())
    : Promise.resolve();

  const timeout = setTimeout(() => {
    failReady(
      new RecordError(
        'tracer-failed',
        `${opts.tracer.name} did not attach within ${(opts.readyTimeoutMs ?? 120_000) / 1000} s`,
        `see ${opts.stderrFile}`,
      ),
    );
  }, opts.readyTimeoutMs ?? 120_000);

  const done = (async (): Promise<TracerExit> => {
    const result = await child;
    if (eventsFd !== null) closeSync(eventsFd);
    await Promise.all([stdoutDone, stderrDone]);
    clearTimeout(timeout);
    const exit = { exitCode: result.exitCode ?? null, signal: result.signal ?? null };
    const how = exit.signal
      ? `was killed by ${exit.signal}`
      : `exited with code ${exit.exitCode ?? '?'}`;
    const fallback =
      (result as { code?: string }).code === 'ENOENT'
        ? `${opts.tracer.command} was not found`
        : `${opts.tracer.name} ${how} before its probes were attached`;
    const code = scan.attachFailure ? 'attach-failed' : 'tracer-failed';
    const fix =
      opts.tracer.name === 'bpftrace'
        ? `see ${opts.stderrFile}`
        : `see ${opts.stderrFile}, and \`econ-trace doctor\`; --tracer bpftrace records without it`;
    failReady(new RecordError(code, describeTracerFailure(scan, fallback), fix));
    return exit;
  })();

  let killTimer: NodeJS.Timeout | undefined;
  void done.then(() => clearTimeout(killTimer));
  return {
    ready,
    done,
    stats: tap.stats,
    scan,
    stop(graceMs = 15_000) {
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    },
  };
}

/** The events file a tracer writing fd 3 is handed; a refusal is a RecordError with the fix. */
function openEventsFile(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new RecordError(
      'tracer-failed',
      `cannot write ${path} (${why})`,
      'check that the --out folder is writable and its disk not full',
      err,
    );
  }
}
