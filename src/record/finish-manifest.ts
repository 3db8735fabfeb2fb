/**
 * How a recording ended, and the manifest that says so. A run ends complete when it stopped for
 * a reason the user asked for (duration, packet count, the workload finished well); any other
 * ending leaves a partial run with the reason, which `inspect` and `report` show.
 */
import type { RunManifest } from '../model/manifest.js';

export type RecordEnding =
  | { kind: 'duration'; seconds: number }
  | { kind: 'packets'; count: number }
  | { kind: 'workload-done' }
  /** The user or the system asked us to stop (SIGINT, SIGTERM). */
  | { kind: 'signal'; signal: string }
  | { kind: 'workload-failed'; argv: string[]; exitCode: number | null; signal: string | null }
  | { kind: 'tracer-died'; message: string }
  /** Something else went wrong after the start; the message is kept. */
  | { kind: 'error'; message: string };

export function isCompleteEnding(ending: RecordEnding): boolean {
  return ending.kind === 'duration' || ending.kind === 'packets' || ending.kind === 'workload-done';
}

/** One line for statusReason; '' for complete runs. */
export function describeEnding(ending: RecordEnding): string {
  switch (ending.kind) {
    case 'duration':
    case 'packets':
    case 'workload-done':
      return '';
    case 'signal':
      return `stopped by ${ending.signal} before the end`;
    case 'workload-failed': {
      const how = ending.signal
        ? `was killed by ${ending.signal}`
        : `exited with code ${ending.exitCode ?? '?'}`;
      return `workload ${how}: ${ending.argv.join(' ')}`;
    }
    case 'tracer-died':
    case 'error':
      return ending.message;
  }
}

/** The manifest written at the end: the start manifest plus end time, losses and status. */
export function finishManifest(
  start: RunManifest,
  ending: RecordEnding,
  lostEvents: number,
  endedAt: string,
): RunManifest {
  const complete = isCompleteEnding(ending);
  return {
    ...start,
    endedAt,
    lostEvents,
    status: complete ? 'complete' : 'partial',
    statusReason: complete ? '' : describeEnding(ending),
  };
}
