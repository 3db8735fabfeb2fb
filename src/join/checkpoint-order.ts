/**
 * Path positions of the checkpoints as plain numbers, for the joiner's hot path. The order itself
 * is defined once, by CHECKPOINTS in src/model/checkpoint.ts; this file only indexes it so that a
 * per-event lookup is a property read instead of a Map lookup, and names the few positions the
 * joiner's rules refer to.
 */
import { CHECKPOINTS } from '../model/checkpoint.js';
import type { CheckpointId } from '../model/checkpoint.js';

/** Position along the path of every checkpoint (0 = earliest). */
export const ORDER = Object.fromEntries(CHECKPOINTS.map((c, i) => [c.id, i])) as Record<
  CheckpointId,
  number
>;

/** Checkpoint at each position (inverse of ORDER). */
export const CHECKPOINT_AT: readonly CheckpointId[] = CHECKPOINTS.map((c) => c.id);

/** Bit of a checkpoint in a timeline's `seen` mask (there are fewer than 31 checkpoints). */
export function checkpointBit(order: number): number {
  return 1 << order;
}

/** Sender-side checkpoints (phase 'sender') all come before nic_rx. */
export function isSenderOrder(order: number): boolean {
  return order < ORDER.nic_rx;
}
