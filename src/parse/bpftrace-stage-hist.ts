/**
 * Parser for the `bpftrace-stage-hist` aggregates file (docs/run-folder.md): what
 * bpftrace/econ-trace-aggregate.bt prints at exit, kept as bpftrace printed it. bpftrace's map
 * printing (print() of an integer-keyed count map, src/output.cpp in bpftrace 0.17) writes one
 * `@name[key]: value` line per key, maps separated by blank lines:
 *
 *   === econ-trace aggregates v1 ===
 *   @starts[0]: 304091              packets by first checkpoint (CHECKPOINTS position)
 *   @sampled[0]: 4690               packets whose events were printed
 *   @stage[475303]: 17              key = from * 32768 + to * 1024 + bucket (kernel-buckets.ts)
 *   @replaced[0]: 12                native recorder only: packets whose per-packet slot another
 *                                   address took before their traced free (their later stages
 *                                   are missing); counted as `kernel-slot-replaced`
 *
 * The file is small (at most a few thousand keys), so it is read whole. Lines that do not fit
 * are counted (`malformed-line`, `bad-number`, `unknown-point` for a checkpoint number outside
 * the table); a file without the marker line is not this format.
 */
import { readFile } from 'node:fs/promises';
import { CHECKPOINTS, type CheckpointId } from '../model/checkpoint.js';
import { countIssue, type IngestCounters } from '../model/ingest.js';
import { countLineIssue } from './count-line-issue.js';
import { FormatError } from './format-error.js';

export const STAGE_HIST_MARKER = '=== econ-trace aggregates v1 ===';

export interface KernelStageHistogram {
  from: CheckpointId;
  to: CheckpointId;
  /** bucket -> packets. */
  buckets: Map<number, number>;
}

export interface StageHistograms {
  /** Packets by their first checkpoint; every packet the kernel saw starts once. */
  starts: Map<CheckpointId, number>;
  /** Sum of starts. */
  packets: number;
  /** Packets whose events were printed (the sampled timelines). */
  sampled: number;
  /** Keyed by from * N + to (N = CHECKPOINTS.length): ascending order is path order. */
  stages: Map<number, KernelStageHistogram>;
}

const LINE = /^@(\w+)\[(\d+)\]: (\d+)$/;
const KEY_FROM = 32768;
const KEY_TO = 1024;

function checkpointAt(n: number): CheckpointId | null {
  return CHECKPOINTS[n]?.id ?? null;
}

export function parseStageHistograms(
  text: string,
  file: string,
  counters: IngestCounters,
): StageHistograms {
  const lines = text.split('\n');
  const markerAt = lines.findIndex((l) => l === STAGE_HIST_MARKER);
  if (markerAt < 0) {
    throw new FormatError(
      file,
      `no "${STAGE_HIST_MARKER}" line: not a bpftrace-stage-hist file`,
      're-record with econ-trace record --mode aggregate',
    );
  }
  const out: StageHistograms = { starts: new Map(), packets: 0, sampled: 0, stages: new Map() };
  const n = CHECKPOINTS.length;
  for (let i = markerAt + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const lineNo = i + 1;
    const m = LINE.exec(line);
    if (!m) {
      countLineIssue(counters, 'malformed-line', file, lineNo, line, false);
      continue;
    }
    const key = Number(m[2]);
    const value = Number(m[3]);
    if (!Number.isSafeInteger(key) || !Number.isSafeInteger(value)) {
      countLineIssue(counters, 'bad-number', file, lineNo, line, false);
      continue;
    }
    const name = m[1];
    if (name === 'sampled') {
      out.sampled += value;
    } else if (name === 'replaced') {
      if (value > 0)
        countIssue(counters, 'kernel-slot-replaced', { file, line: lineNo, text: line }, value);
    } else if (name === 'starts') {
      const at = checkpointAt(key);
      if (at === null) countLineIssue(counters, 'unknown-point', file, lineNo, line, false);
      else {
        out.starts.set(at, (out.starts.get(at) ?? 0) + value);
        out.packets += value;
      }
    } else if (name === 'stage') {
      const fromN = Math.floor(key / KEY_FROM);
      const toN = Math.floor((key % KEY_FROM) / KEY_TO);
      const from = checkpointAt(fromN);
      const to = checkpointAt(toN);
      if (from === null || to === null) {
        countLineIssue(counters, 'unknown-point', file, lineNo, line, false);
        continue;
      }
      const cell = fromN * n + toN;
      let hist = out.stages.get(cell);
      if (!hist) {
        hist = { from, to, buckets: new Map() };
        out.stages.set(cell, hist);
      }
      const bucket = key % KEY_TO;
      hist.buckets.set(bucket, (hist.buckets.get(bucket) ?? 0) + value);
    } else {
      countLineIssue(counters, 'malformed-line', file, lineNo, line, false);
    }
  }
  return out;
}

/** Reads and parses the file at `path` (`relPath` as the run folder names it, for examples). */
export async function readStageHistograms(
  path: string,
  relPath: string,
  counters: IngestCounters,
): Promise<StageHistograms> {
  return parseStageHistograms(await readFile(path, 'utf8'), relPath, counters);
}
