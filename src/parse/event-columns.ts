/**
 * A batch of parsed events as columns (one typed array per field) instead of one TraceEvent
 * object per event. Parsers fill it in place and reuse it from batch to batch, so a streaming
 * consumer that takes fields (the pipeline, through fill) costs no allocation per event; toEvents
 * gives the same events as objects for the public parser API.
 *
 * Every column is a typed array, so a batch can be handed to another thread without copying
 * (takeArrays / useArrays, see src/pipeline/parse-in-worker.ts). Text fields are ids: the probe
 * point is its index in PROBE_POINTS, dev and addresses index `names`, and the skb address is
 * kept as its numeric value (SkbCache names it on the way out).
 */
import { PROBE_POINTS } from '../model/event.js';
import type { ProbePoint, TraceEvent } from '../model/event.js';
import { NameTable } from './name-table.js';
import { SkbCache } from './skb-cache.js';

const INITIAL_CAPACITY = 8192;

/** The columns' storage, as moved between threads. */
export interface ColumnArrays {
  tsNs: Float64Array<ArrayBuffer>;
  cpu: Float64Array<ArrayBuffer>;
  lenBytes: Float64Array<ArrayBuffer>;
  hash: Float64Array<ArrayBuffer>;
  sport: Float64Array<ArrayBuffer>;
  dport: Float64Array<ArrayBuffer>;
  proto: Float64Array<ArrayBuffer>;
  segs: Float64Array<ArrayBuffer>;
  ret: Float64Array<ArrayBuffer>;
  skbHi: Float64Array<ArrayBuffer>;
  skbLo: Float64Array<ArrayBuffer>;
  point: Uint8Array<ArrayBuffer>;
  /** 0 = no skb (''), else the address's digit count. */
  skbDigits: Uint8Array<ArrayBuffer>;
  dev: Int32Array<ArrayBuffer>;
  saddr: Int32Array<ArrayBuffer>;
  daddr: Int32Array<ArrayBuffer>;
}

export class EventColumns {
  /** Events held. */
  n = 0;
  // Float64 for numbers: parsers accept any exact integer up to 15 digits in every field.
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
  skbHi = new Float64Array(INITIAL_CAPACITY);
  skbLo = new Float64Array(INITIAL_CAPACITY);
  point = new Uint8Array(INITIAL_CAPACITY);
  skbDigits = new Uint8Array(INITIAL_CAPACITY);
  dev = new Int32Array(INITIAL_CAPACITY);
  saddr = new Int32Array(INITIAL_CAPACITY);
  daddr = new Int32Array(INITIAL_CAPACITY);
  /** Texts of the dev, saddr and daddr ids. */
  readonly names = new NameTable();
  private readonly skbs = new SkbCache();

  /** Index for the next event, growing the columns when full. */
  reserve(): number {
    const i = this.n;
    if (i === this.tsNs.length) this.grow();
    return i;
  }

  /** skb address text of event i ('' when it has none). */
  skbText(i: number): string {
    const digits = this.skbDigits[i] as number;
    if (digits === 0) return '';
    return this.skbs.name(this.skbHi[i] as number, this.skbLo[i] as number, digits);
  }

  /** Copies event i into `into` (a reused object: the consumer keeps nothing of it). */
  fill(i: number, into: TraceEvent): void {
    const texts = this.names.texts;
    into.tsNs = this.tsNs[i] as number;
    into.cpu = this.cpu[i] as number;
    into.point = PROBE_POINTS[this.point[i] as number] as ProbePoint;
    into.dev = texts[this.dev[i] as number] as string;
    into.skb = this.skbText(i);
    into.lenBytes = this.lenBytes[i] as number;
    into.hash = this.hash[i] as number;
    into.saddr = texts[this.saddr[i] as number] as string;
    into.daddr = texts[this.daddr[i] as number] as string;
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
      const ev = {} as TraceEvent;
      this.fill(i, ev);
      out[i] = ev;
    }
    return out;
  }

  /** Empties the batch. */
  clear(): void {
    this.n = 0;
  }

  /** The storage, for a transfer; the columns must get new arrays (useArrays) before reuse. */
  takeArrays(): ColumnArrays {
    return {
      tsNs: this.tsNs,
      cpu: this.cpu,
      lenBytes: this.lenBytes,
      hash: this.hash,
      sport: this.sport,
      dport: this.dport,
      proto: this.proto,
      segs: this.segs,
      ret: this.ret,
      skbHi: this.skbHi,
      skbLo: this.skbLo,
      point: this.point,
      skbDigits: this.skbDigits,
      dev: this.dev,
      saddr: this.saddr,
      daddr: this.daddr,
    };
  }

  /** Adopts storage (all columns of one length), e.g. a batch received from another thread. */
  useArrays(a: ColumnArrays, n: number): void {
    this.tsNs = a.tsNs;
    this.cpu = a.cpu;
    this.lenBytes = a.lenBytes;
    this.hash = a.hash;
    this.sport = a.sport;
    this.dport = a.dport;
    this.proto = a.proto;
    this.segs = a.segs;
    this.ret = a.ret;
    this.skbHi = a.skbHi;
    this.skbLo = a.skbLo;
    this.point = a.point;
    this.skbDigits = a.skbDigits;
    this.dev = a.dev;
    this.saddr = a.saddr;
    this.daddr = a.daddr;
    this.n = n;
  }

  private grow(): void {
    const size = this.tsNs.length * 2;
    const a = this.takeArrays();
    this.useArrays(
      {
        tsNs: grown(a.tsNs, new Float64Array(size)),
        cpu: grown(a.cpu, new Float64Array(size)),
        lenBytes: grown(a.lenBytes, new Float64Array(size)),
        hash: grown(a.hash, new Float64Array(size)),
        sport: grown(a.sport, new Float64Array(size)),
        dport: grown(a.dport, new Float64Array(size)),
        proto: grown(a.proto, new Float64Array(size)),
        segs: grown(a.segs, new Float64Array(size)),
        ret: grown(a.ret, new Float64Array(size)),
        skbHi: grown(a.skbHi, new Float64Array(size)),
        skbLo: grown(a.skbLo, new Float64Array(size)),
        point: grown(a.point, new Uint8Array(size)),
        skbDigits: grown(a.skbDigits, new Uint8Array(size)),
        dev: grown(a.dev, new Int32Array(size)),
        saddr: grown(a.saddr, new Int32Array(size)),
        daddr: grown(a.daddr, new Int32Array(size)),
      },
      this.n,
    );
  }
}

/** Fresh storage of the initial size (for a producer whose arrays were transferred away). */
export function createColumnArrays(): ColumnArrays {
  return new EventColumns().takeArrays();
}

function grown<
  T extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>,
>(from: T, to: T): T {
  to.set(from);
  return to;
}
