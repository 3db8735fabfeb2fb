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
  tsNs: Float64Array<ArrayBuffer>;
  cpu: Float64Array<ArrayBuffer>;
  lenBytes: Float64Array<ArrayBuffer>;
  hash: Float64Array<ArrayBuffer>;
  sport: Float64Array<ArrayBuffer>;
  dport: Float64Array<ArrayBuffer>;
  proto: Float64Array<ArrayBuffer>;
  segs: Float64Array<ArrayBuffer>;
  /** NaN stands for a null ret (a parsed ret is never NaN). */
  ret: Float64Array<ArrayBuffer>;
  skbHi: Float64Array<ArrayBuffer>;
  skbLo: Float64Array<ArrayBuffer>;
  point: Uint8Array<ArrayBuffer>;
  /** 0 = no skb (''), else the address's digit count. */
  skbDigits: Uint8Array<ArrayBuffer>;
  dev: Int32Array<ArrayBuffer>;
  saddr: Int32Array<ArrayBuffer>;
  daddr: Int32Array<ArrayBuffer>;
  /** Texts of the dev, saddr and daddr ids. */
  readonly names = new NameTable();
  private readonly skbs = new SkbCache();

  constructor() {
    const a = allocateColumns(INITIAL_CAPACITY);
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
  }

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
    const a = this.takeArrays();
    const b = allocateColumns(this.tsNs.length * 2);
    b.tsNs.set(a.tsNs);
    b.cpu.set(a.cpu);
    b.lenBytes.set(a.lenBytes);
    b.hash.set(a.hash);
    b.sport.set(a.sport);
    b.dport.set(a.dport);
    b.proto.set(a.proto);
    b.segs.set(a.segs);
    b.ret.set(a.ret);
    b.skbHi.set(a.skbHi);
    b.skbLo.set(a.skbLo);
    b.point.set(a.point);
    b.skbDigits.set(a.skbDigits);
    b.dev.set(a.dev);
    b.saddr.set(a.saddr);
    b.daddr.set(a.daddr);
    this.useArrays(b, this.n);
  }
}

/** Fresh storage of the initial size (for a producer whose arrays were transferred away). */
export function createColumnArrays(): ColumnArrays {
  return allocateColumns(INITIAL_CAPACITY);
}

/**
 * Storage for `capacity` events: every column is a view into one buffer, so a batch moves to
 * another thread as one transfer instead of sixteen (each transferred buffer costs the sender
 * and the receiver a few microseconds, thousands of batches a run).
 */
function allocateColumns(capacity: number): ColumnArrays {
  const buffer = new ArrayBuffer(capacity * (11 * 8 + 3 * 4 + 2));
  let at = 0;
  const f64 = (): Float64Array<ArrayBuffer> => {
    const column = new Float64Array(buffer, at, capacity);
    at += column.byteLength;
    return column;
  };
  const i32 = (): Int32Array<ArrayBuffer> => {
    const column = new Int32Array(buffer, at, capacity);
    at += column.byteLength;
    return column;
  };
  const u8 = (): Uint8Array<ArrayBuffer> => {
    const column = new Uint8Array(buffer, at, capacity);
    at += column.byteLength;
    return column;
  };
  // Widest first, so every view starts at a multiple of its element size.
  return {
    tsNs: f64(),
    cpu: f64(),
    lenBytes: f64(),
    hash: f64(),
    sport: f64(),
    dport: f64(),
    proto: f64(),
    segs: f64(),
    ret: f64(),
    skbHi: f64(),
    skbLo: f64(),
    dev: i32(),
    saddr: i32(),
    daddr: i32(),
    point: u8(),
    skbDigits: u8(),
  };
}
