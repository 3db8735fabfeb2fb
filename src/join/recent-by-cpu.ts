/**
 * The timelines each CPU touched last, newest first, for the two joins that cannot use the skb
 * address: sk_data_ready (the tracepoint has no skb) and a clone's first event (a new address).
 * Both happen on the CPU that just handled the packet, right after its previous hop, so a short
 * ring per CPU is enough; older entries fall off and the search cost stays constant.
 */
import type { OpenTimeline } from './open-timeline.js';

/** Timelines remembered per CPU. A GRO batch interleaves up to 64 packets; 64 covers it. */
export const RECENT_PER_CPU = 64;

export class RecentByCpu {
  private readonly rings: (OpenTimeline | undefined)[][] = [];
  private readonly heads: number[] = [];

  /** Records that `t` just got a hop on `cpu` (unknown CPUs, -1, are not tracked). */
  note(cpu: number, t: OpenTimeline): void {
    if (cpu < 0) return;
    let ring = this.rings[cpu];
    if (ring === undefined) {
      ring = new Array<OpenTimeline | undefined>(RECENT_PER_CPU);
      this.rings[cpu] = ring;
      this.heads[cpu] = 0;
    }
    const head = this.heads[cpu] as number;
    // A packet's consecutive hops on one CPU take one slot, not one each.
    if (ring[head] === t) return;
    const next = (head + 1) % RECENT_PER_CPU;
    ring[next] = t;
    this.heads[cpu] = next;
  }

  /** The i-th most recent timeline noted on `cpu` (0 = newest); undefined past the end. */
  at(cpu: number, i: number): OpenTimeline | undefined {
    const ring = this.rings[cpu];
    if (ring === undefined || i >= RECENT_PER_CPU || cpu < 0) return undefined;
    const head = this.heads[cpu] as number;
    return ring[(head - i + RECENT_PER_CPU) % RECENT_PER_CPU];
  }
}
