/**
 * The two profiles econ-trace exports to speedscope:
 * - sampled: the perf stack samples, one entry per distinct folded stack with its total weight
 *   (the period, ns for cpu-clock), process name as the root frame, like a flame graph;
 * - evented: every packet's stages as frames under one "packet" frame, packets laid end to
 *   end on one time axis (speedscope needs properly nested events, and packets in flight
 *   overlap in real time), so the timeline reads as packet after packet, each stage as long
 *   as it took.
 */
import { stageName } from '../model/checkpoint.js';
import type { PacketTimeline } from '../model/timeline.js';
import { splitFoldedKey, type FoldedStacks } from '../cpu/fold-stacks.js';
import type { SpeedscopeWriter } from './speedscope-writer.js';

export function writeSampledProfile(
  w: SpeedscopeWriter,
  name: string,
  stacks: FoldedStacks,
  unit: 'nanoseconds' | 'none',
): void {
  w.beginProfile('sampled', name, unit);
  const samples: string[] = [];
  const weights: number[] = [];
  let total = 0;
  for (const key of [...stacks.keys()].sort()) {
    const weight = stacks.get(key)?.weight ?? 0;
    samples.push(
      `[${splitFoldedKey(key)
        .map((f) => w.frame(f))
        .join(',')}]`,
    );
    weights.push(weight);
    total += weight;
  }
  w.write(
    `,"startValue":0,"endValue":${total},"samples":[${samples.join(',\n')}],"weights":[${weights.join(',')}]}`,
  );
}

/** Evented profile of packet stages, written as timelines arrive; `end` closes it. */
export class EventedStagesProfile {
  private at = 0;
  private events = 0;
  private readonly packetFrame: number;

  constructor(
    private readonly w: SpeedscopeWriter,
    name: string,
  ) {
    w.beginProfile('evented', name, 'nanoseconds');
    w.write(',"startValue":0,"events":[');
    this.packetFrame = w.frame('packet');
  }

  add(t: PacketTimeline): void {
    if (t.hops.length < 2) return;
    this.event('O', this.packetFrame);
    for (let k = 0; k + 1 < t.hops.length; k++) {
      const from = t.hops[k];
      const to = t.hops[k + 1];
      if (from === undefined || to === undefined) continue;
      const frame = this.w.frame(stageName(from.checkpoint, to.checkpoint));
      this.event('O', frame);
      this.at += to.tsNs - from.tsNs;
      this.event('C', frame);
    }
    this.event('C', this.packetFrame);
  }

  end(): void {
    this.w.write(`],"endValue":${this.at}}`);
  }

  private event(type: 'O' | 'C', frame: number): void {
    this.w.write(
      `${this.events++ > 0 ? ',' : ''}\n{"type":"${type}","frame":${frame},"at":${this.at}}`,
    );
  }
}
