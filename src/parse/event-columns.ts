/**
 * A batch of parsed events as columns (one typed array per numeric field, one array per string
 * field) instead of one TraceEvent object per event. Parsers fill it in place and reuse it from
 * batch to batch, so a streaming consumer that takes fields (the pipeline, through fill) costs no
 * allocation per event; toEvents gives the same events as objects for the public parser API.
 */
import type { ProbePoint, TraceEvent } from '../model/event.js';

const INITIAL_CAPACITY = 8192;

export class EventColumns {
  /** Events held. */
  n = 0;
  // Float64 throughout: parsers accept any exact integer up to 15 digits in every field.
  tsNs = new Float64Array(INITIAL_CAPACITY);
  cpu = new Float64Array(INITIAL_CAPACITY);
  lenBytes = new Float64Array(INITIAL_CAPACITY);
  hash = new Float64Array(INITIAL_CAPACITY);
  sport = new Float64Array(INITIAL_CAPACITY);
  dport = new Float64Array(INITIAL_CAPACITY);
  proto = new Float64Array(INITIAL_CAPACITY);
  segs = new Float64Array(INITIAL_CAPACITY);
  /** NaN stands for a null ret (a parsed ret is never NaN). */
  ret = new Float64Array(INITIAL_CAPACITY);
  readonly point: ProbePoint[] = [];
  readonly dev: string[] = [];
  readonly skb: string[] = [];
  readonly saddr: string[] = [];
  readonly daddr: string[] = [];

  /** Index for the next event, growing the numeric columns when full. */
  reserve(): number {
    const i = this.n;
    if (i === this.tsNs.length) this.grow();
    return i;
  }

  /** Copies event i into `into` (a reused object: the consumer keeps nothing of it). */
  fill(i: number, into: TraceEvent): void {
    into.tsNs = this.tsNs[i] as number;
    into.cpu = this.cpu[i] as number;
    into.point = this.point[i] as ProbePoint;
    into.dev = this.dev[i] as string;
    into.skb = this.skb[i] as string;
    into.lenBytes = this.lenBytes[i] as number;
    into.hash = this.hash[i] as number;
    into.saddr = this.saddr[i] as string;
    into.daddr = this.daddr[i] as string;
    into.sport = this.sport[i] as number;
    into.dport = this.dport[i] as number;
    into.proto = this.proto[i] as number;
    into.segs = this.segs[i] as number;
    const ret = this.ret[i] as number;
    into.ret = Number.isNaN(ret) ? null : ret;
  }

  /** The held events as new objects, in order. */
  toEvents(): TraceEvent[] {
    const out: TraceEvent[] = new Array<TraceEvent>(this.n);
    for (let i = 0; i < this.n; i++) {
      const ret = this.ret[i] as number;
      out[i] = {
        tsNs: this.tsNs[i] as number,
        cpu: this.cpu[i] as number,
        point: this.point[i] as ProbePoint,
        dev: this.dev[i] as string,
        skb: this.skb[i] as string,
        lenBytes: this.lenBytes[i] as number,
        hash: this.hash[i] as number,
        saddr: this.saddr[i] as string,
        daddr: this.daddr[i] as string,
        sport: this.sport[i] as number,
        dport: this.dport[i] as number,
        proto: this.proto[i] as number,
        segs: this.segs[i] as number,
        ret: Number.isNaN(ret) ? null : ret,
      };
    }
    return out;
  }

  /** Empties the batch; string columns keep their (overwritten) slots. */
  clear(): void {
    this.n = 0;
  }

  private grow(): void {
    const size = this.tsNs.length * 2;
    this.tsNs = grown(this.tsNs, size);
    this.cpu = grown(this.cpu, size);
    this.lenBytes = grown(this.lenBytes, size);
    this.hash = grown(this.hash, size);
    this.sport = grown(this.sport, size);
    this.dport = grown(this.dport, size);
    this.proto = grown(this.proto, size);
    this.segs = grown(this.segs, size);
    this.ret = grown(this.ret, size);
  }
}

function grown(from: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const to = new Float64Array(size);
  to.set(from);
  return to;
}
