/**
 * Folds stack samples into `comm;root;...;leaf` lines with their summed weight, the format
 * FlameGraph's flamegraph.pl reads. One entry per distinct stack: memory grows with how many
 * different stacks the profile has, not with how many samples it holds.
 */
import { copyText, latin1ToUtf8 } from '../read/split-lines.js';
import type { StackSample, StackSampleSink } from './stack-sample.js';

export interface FoldEntry {
  /** Sum of the samples' periods (1 each when perf printed none). */
  weight: number;
  samples: number;
}

/** Folded stack text (latin1: one char per input byte) to its totals. */
export type FoldedStacks = Map<string, FoldEntry>;

/** A distinct stack while folding: compared by process name and frame ids, not by text. */
interface StackSlot {
  comm: string;
  ids: Int32Array;
  key: string;
  entry: FoldEntry;
  /** Next slot with the same hash. */
  next: StackSlot | null;
}

export class StackFolder implements StackSampleSink {
  samples = 0;
  weight = 0;
  /** Samples whose line printed a period. */
  samplesWithPeriod = 0;
  /** Slots by a hash of process name and frame ids: no folded string is built per sample. */
  private readonly slots = new Map<number, StackSlot>();
  private readonly commHashes = new Map<string, number>();
  private folded: FoldedStacks | null = null;

  onSample(sample: StackSample): void {
    const ids = sample.frameIds;
    let hash = this.hashComm(sample.comm);
    for (let i = 0; i < ids.length; i++) hash = Math.imul(hash ^ (ids[i] ?? 0), 0x9e3779b1);
    let slot = this.slots.get(hash) ?? null;
    while (slot !== null && !sameStack(slot, sample.comm, ids)) slot = slot.next;
    if (slot === null) {
      slot = {
        comm: sample.comm,
        ids: Int32Array.from(ids),
        key: foldedKey(sample.comm, sample.frames),
        entry: { weight: 0, samples: 0 },
        next: this.slots.get(hash) ?? null,
      };
      this.slots.set(hash, slot);
      this.folded?.set(slot.key, slot.entry);
    }
    slot.entry.weight += sample.period;
    slot.entry.samples++;
    this.samples++;
    this.weight += sample.period;
    if (sample.hasPeriod) this.samplesWithPeriod++;
  }

  /** Every distinct stack by its folded text (a live view: later samples update it). */
  get stacks(): FoldedStacks {
    if (this.folded === null) {
      this.folded = new Map();
      for (const head of this.slots.values()) {
        for (let s: StackSlot | null = head; s !== null; s = s.next)
          this.folded.set(s.key, s.entry);
      }
    }
    return this.folded;
  }

  private hashComm(comm: string): number {
    let h = this.commHashes.get(comm);
    if (h === undefined) {
      h = this.commHashes.size + 1;
      this.commHashes.set(copyText(comm, 0, comm.length), h);
    }
    return h;
  }
}

function sameStack(slot: StackSlot, comm: string, ids: readonly number[]): boolean {
  if (slot.ids.length !== ids.length || slot.comm !== comm) return false;
  for (let i = 0; i < ids.length; i++) if (slot.ids[i] !== ids[i]) return false;
  return true;
}

/** `comm;root;...;leaf`: frames arrive leaf first. */
export function foldedKey(comm: string, framesLeafFirst: readonly string[]): string {
  let key = comm;
  for (let i = framesLeafFirst.length - 1; i >= 0; i--) key += `;${framesLeafFirst[i] ?? ''}`;
  return key;
}

/**
 * The folded lines `stack weight`, sorted bytewise like stackcollapse-perf.pl's output, each
 * ending in a newline; latin1 text, to be written with the latin1 encoding so that the input's
 * bytes come out unchanged.
 */
export function* formatFoldedLines(stacks: FoldedStacks): Generator<string> {
  // Default sort compares UTF-16 code units: with one char per byte, that is byte order.
  const keys = [...stacks.keys()].sort();
  for (const key of keys) yield `${key} ${stacks.get(key)?.weight ?? 0}\n`;
}

/** A folded stack's frames as UTF-8 text, root first (the process name is the first). */
export function splitFoldedKey(key: string): string[] {
  return latin1ToUtf8(key).split(';');
}
