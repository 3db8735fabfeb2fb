/**
 * Parking space for events that wait in the reorder window: each event's fields are copied into
 * parallel typed arrays and the event object itself is dropped. Tens of thousands of events wait
 * at any time; held as objects they would all survive into V8's old generation and make the
 * garbage collector the most expensive part of the joiner. Strings stay shared references.
 */
import type { ProbePoint, TraceEvent } from '../model/event.js';

export class EventSlots {
  private capacity = 0;
  private tsNs = new Float64Array(0);
  private cpu = new Int32Array(0);
  private lenBytes = new Float64Array(0);
  private hash = new Float64Array(0);
  private sport = new Int32Array(0);
  private dport = new Int32Array(0);
  private proto = new Int32Array(0);
  private segs = new Float64Array(0);
  /** NaN stands for a null ret. */
  private ret = new Float64Array(0);
  private readonly point: ProbePoint[] = [];
  private readonly dev: string[] = [];
  private readonly skb: string[] = [];
  private readonly saddr: string[] = [];
  private readonly daddr: string[] = [];
  private free: number[] = [];

  /** Copies `ev` into a slot and returns the slot's number. */
  store(ev: TraceEvent): number {
    if (this.free.length === 0) this.grow();
    const i = this.free.pop() as number;
    this.tsNs[i] = ev.tsNs;
    this.cpu[i] = ev.cpu;
    this.lenBytes[i] = ev.lenBytes;
    this.hash[i] = ev.hash;
    this.sport[i] = ev.sport;
    this.dport[i] = ev.dport;
    this.proto[i] = ev.proto;
    this.segs[i] = ev.segs;
    this.ret[i] = ev.ret === null ? NaN : ev.ret;
    this.point[i] = ev.point;
    this.dev[i] = ev.dev;
    this.skb[i] = ev.skb;
    this.saddr[i] = ev.saddr;
    this.daddr[i] = ev.daddr;
    return i;
  }

  /** Fills `into` from slot `i` and frees the slot. */
  take(i: number, into: TraceEvent): void {
    into.tsNs = this.tsNs[i] as number;
    into.cpu = this.cpu[i] as number;
    into.lenBytes = this.lenBytes[i] as number;
    into.hash = this.hash[i] as number;
    into.sport = this.sport[i] as number;
    into.dport = this.dport[i] as number;
    into.proto = this.proto[i] as number;
    into.segs = this.segs[i] as number;
    const ret = this.ret[i] as number;
    into.ret = Number.isNaN(ret) ? null : ret;
    into.point = this.point[i] as ProbePoint;
    into.dev = this.dev[i] as string;
    into.skb = this.skb[i] as string;
    into.saddr = this.saddr[i] as string;
    into.daddr = this.daddr[i] as string;
    this.free.push(i);
  }

  private grow(): void {
    const old = this.capacity;
    const size = Math.max(1024, old * 2);
    this.tsNs = grown(this.tsNs, new Float64Array(size));
    this.cpu = grown(this.cpu, new Int32Array(size));
    this.lenBytes = grown(this.lenBytes, new Float64Array(size));
    this.hash = grown(this.hash, new Float64Array(size));
    this.sport = grown(this.sport, new Int32Array(size));
    this.dport = grown(this.dport, new Int32Array(size));
    this.proto = grown(this.proto, new Int32Array(size));
    this.segs = grown(this.segs, new Float64Array(size));
    this.ret = grown(this.ret, new Float64Array(size));
    for (const strings of [this.dev, this.skb, this.saddr, this.daddr]) {
      for (let i = old; i < size; i++) strings.push('');
    }
    for (let i = old; i < size; i++) this.point.push('netif_rx');
    // Lowest slots first: pop() takes from the end.
    for (let i = size - 1; i >= old; i--) this.free.push(i);
    this.capacity = size;
  }
}

function grown<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
