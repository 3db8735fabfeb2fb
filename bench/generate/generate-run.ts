/**
 * Writes a deterministic bpftrace-csv run folder of a given number of events for the analysis
 * benchmarks, shaped like the real vanilla overlay fixture (overlay-packet.ts): the same
 * checkpoint sequence, devices, CPUs, flows and gaps. On top of the shape it adds what long real
 * traces have: packets overlapping across two CPUs, a receive side that sometimes moves to the
 * other CPU, bpftrace's per-CPU drain order (each block of trace time is printed CPU 0 first,
 * then CPU 1, so events come out of time order across CPUs), application reads, frees whose
 * event was lost (the address is still reused) and a few kfree_skb drops.
 *
 * Output is a plain (not gzipped) CSV, so `wc -l` on the same file is a fair physical floor.
 * A folder that already holds the same generation (generated.json) is reused as it is.
 */
import { mkdirSync, openSync, readFileSync, writeSync, closeSync, existsSync } from 'node:fs';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, nextIndex, nextUnit, type Rng } from '../../src/analyse/prng.js';
import { BPFTRACE_CSV_HEADER } from '../../src/parse/bpftrace-csv-format.js';
import { formatManifest } from '../../src/run-folder/write-manifest.js';
import type { RunManifest } from '../../src/model/manifest.js';
import { FLOWS, SOCK_READY_GAP_NS, overlayHops, type FlowShape } from './overlay-packet.js';

/** Bump when the generated content changes, so cached folders are rebuilt. */
const GENERATOR_VERSION = 2;
/** Absolute start, as in the fixture (about 19 minutes of uptime). */
const START_NS = 1_126_425_939_676;
/** Mean time between packets of all flows together (fixture: 1 ms per flow). */
const MEAN_PACKET_GAP_NS = 250_000;
/** bpftrace prints one drain of every CPU's buffer per block of this much trace time. */
const DRAIN_BLOCK_NS = 5_000_000;
/** Longest a packet's events span (free included), so a block is complete once past it. */
const MAX_PACKET_SPAN_NS = 5_000_000;
const SKB_POOL_PER_CPU = 48;
const LOST_FREE_RATE = 0.01;
const KFREE_RATE = 0.005;
const APP_READ_RATE = 0.3;
const CPU_MOVE_RATE = 0.03;
const WRITE_CHUNK_CHARS = 1 << 22;

export interface GenerateOptions {
  dir: string;
  events: number;
  seed?: number;
}

export interface GeneratedRun {
  dir: string;
  eventFile: string;
  events: number;
  lines: number;
  bytes: number;
  reused: boolean;
}

interface Pending {
  ts: number;
  cpu: number;
  line: string;
}

/** Generates (or reuses) the run folder; returns what it holds. */
export function generateRun(opts: GenerateOptions): GeneratedRun {
  const seed = opts.seed ?? 1;
  const stamp = { version: GENERATOR_VERSION, events: opts.events, seed };
  const eventFile = join(opts.dir, 'events', 'packets.csv');
  const stampFile = join(opts.dir, 'generated.json');
  if (existsSync(stampFile)) {
    const old = JSON.parse(readFileSync(stampFile, 'utf8')) as typeof stamp & GeneratedRun;
    if (old.version === stamp.version && old.events === stamp.events && old.seed === seed) {
      return { ...old, dir: opts.dir, eventFile, reused: true };
    }
  }
  rmSync(opts.dir, { recursive: true, force: true });
  mkdirSync(join(opts.dir, 'events'), { recursive: true });
  const written = writeEvents(eventFile, opts.events, createRng(seed));
  writeFileSync(join(opts.dir, 'manifest.json'), formatManifest(benchManifest(opts.events, seed)));
  const result = { dir: opts.dir, eventFile, events: opts.events, ...written, reused: false };
  writeFileSync(stampFile, `${JSON.stringify({ ...stamp, ...written }, null, 2)}\n`);
  return result;
}

function writeEvents(path: string, total: number, rng: Rng): { lines: number; bytes: number } {
  const fd = openSync(path, 'w');
  let out = `Attaching 10 probes...\n${BPFTRACE_CSV_HEADER}\n`;
  let bytes = 0;
  let lines = 2;
  const flush = (): void => {
    bytes += writeSync(fd, out, null, 'latin1');
    out = '';
  };
  const blocks = new Map<number, Pending[]>();
  const pools = [new SkbPool(0), new SkbPool(1)];
  const busyUntil = [0, 0];
  const totalWeight = FLOWS.reduce((s, f) => s + f.weight, 0);
  let emitted = 0;
  let clock = START_NS;
  let nextBlock = Math.floor(START_NS / DRAIN_BLOCK_NS);
  const emit = (ts: number, cpu: number, line: string): void => {
    const block = Math.floor(ts / DRAIN_BLOCK_NS);
    let list = blocks.get(block);
    if (list === undefined) blocks.set(block, (list = []));
    list.push({ ts, cpu, line });
    emitted++;
  };
  const drainBefore = (limitBlock: number): void => {
    for (; nextBlock < limitBlock; nextBlock++) {
      const list = blocks.get(nextBlock);
      if (list === undefined) continue;
      blocks.delete(nextBlock);
      list.sort((a, b) => a.cpu - b.cpu || a.ts - b.ts);
      for (const p of list) out += p.line;
      lines += list.length;
      if (out.length > WRITE_CHUNK_CHARS) flush();
    }
  };
  while (emitted < total) {
    clock += Math.round(-Math.log(1 - nextUnit(rng)) * MEAN_PACKET_GAP_NS) + 1;
    const flow = pickFlow(rng, totalWeight);
    const start = Math.max(clock, busyUntil[flow.cpu] ?? 0);
    busyUntil[flow.cpu] = writePacket(flow, start, rng, pools, emit, total - emitted);
    drainBefore(Math.floor((clock - MAX_PACKET_SPAN_NS) / DRAIN_BLOCK_NS));
  }
  for (const block of [...blocks.keys()].sort((a, b) => a - b)) drainBefore(block + 1);
  flush();
  closeSync(fd);
  return { lines, bytes };
}

function pickFlow(rng: Rng, totalWeight: number): FlowShape {
  let x = nextUnit(rng) * totalWeight;
  for (const f of FLOWS) {
    x -= f.weight;
    if (x < 0) return f;
  }
  return FLOWS[0] as FlowShape;
}

/**
 * skb addresses of one CPU's slab: an address is reused once its packet was freed (traced or
 * not), the most recently freed first, as the kernel's slab does.
 */
class SkbPool {
  private readonly free: string[] = [];
  private readonly freeing: { atNs: number; skb: string }[] = [];

  constructor(cpu: number) {
    for (let i = SKB_POOL_PER_CPU - 1; i >= 0; i--) {
      this.free.push(
        `ffff8881${(0x0a9f6000 + cpu * 0x100000 + i * 0x100).toString(16).padStart(8, '0')}`,
      );
    }
  }

  take(nowNs: number): string {
    const pending = this.freeing;
    for (let i = 0; i < pending.length;) {
      const f = pending[i] as { atNs: number; skb: string };
      if (f.atNs < nowNs) {
        this.free.push(f.skb);
        pending.splice(i, 1);
      } else {
        i++;
      }
    }
    const skb = this.free.pop();
    if (skb === undefined) throw new Error('skb pool exhausted: raise SKB_POOL_PER_CPU');
    return skb;
  }

  release(skb: string, atNs: number): void {
    this.freeing.push({ atNs, skb });
  }
}

/** Jitter around a median gap: mostly within +-40%, with a rare long tail. */
function gap(rng: Rng, medianNs: number): number {
  const u = nextUnit(rng);
  const tail = u > 0.99 ? 1 + nextUnit(rng) * 8 : 1;
  return Math.max(1, Math.round(medianNs * (0.6 + 0.8 * nextUnit(rng)) * tail));
}

/**
 * Emits one packet's events (at most `room`); returns when its CPU is free for the next one
 * (after the wakeup: softirq work on one CPU does not overlap).
 */
function writePacket(
  flow: FlowShape,
  start: number,
  rng: Rng,
  pools: SkbPool[],
  emit: (ts: number, cpu: number, line: string) => void,
  room: number,
): number {
  const txCpu = flow.cpu;
  const rxCpu = nextUnit(rng) < CPU_MOVE_RATE ? 1 - flow.cpu : flow.cpu;
  const pool = pools[txCpu] as SkbPool;
  const skb = pool.take(start);
  const tail = `${flow.hash},${flow.saddr},${flow.daddr},${flow.sport},${flow.dport},${flow.proto},1,\n`;
  let ts = start;
  let n = 0;
  for (const hop of overlayHops(flow.forward)) {
    if (n >= room) break;
    ts += gap(rng, hop.gapNs);
    const cpu = hop.receive ? rxCpu : txCpu;
    const len = flow.innerLen + hop.lenDelta;
    emit(ts, cpu, `${ts},${cpu},${hop.point},${hop.dev},${skb},${len},${tail}`);
    n++;
  }
  const readyNs = ts + gap(rng, SOCK_READY_GAP_NS);
  if (n < room) emit(readyNs, rxCpu, `${readyNs},${rxCpu},sk_data_ready,,,,,,,,,${flow.proto},,\n`);
  n++;
  let freeNs = readyNs + 200_000 + nextIndex(rng, 1_600_000);
  if (n < room && flow.proto === 17 && nextUnit(rng) < APP_READ_RATE) {
    const readNs = freeNs - 1_000 - nextIndex(rng, 15_000);
    emit(readNs, rxCpu, `${readNs},${rxCpu},skb_copy_datagram_iovec,,${skb},64,,,,,,,,\n`);
    n++;
    freeNs = Math.max(freeNs, readNs + 1);
  }
  const u = nextUnit(rng);
  if (n < room && u >= LOST_FREE_RATE) {
    const point = u < LOST_FREE_RATE + KFREE_RATE ? 'kfree_skb' : 'consume_skb';
    emit(freeNs, rxCpu, `${freeNs},${rxCpu},${point},,${skb},,,,,,,,,\n`);
  }
  // The address goes back to the slab whether or not its free was traced.
  pool.release(skb, freeNs);
  return readyNs;
}

function benchManifest(events: number, seed: number): RunManifest {
  const fixture = JSON.parse(
    readFileSync(new URL('../../fixtures/runs/overlay-vanilla/manifest.json', import.meta.url), {
      encoding: 'utf8',
    }),
  ) as RunManifest;
  return {
    ...fixture,
    label: `bench ${formatCount(events)} overlay`,
    events: [{ file: 'events/packets.csv', format: 'bpftrace-csv' }],
    synthetic: {
      value: true,
      description: `generated by bench/generate/generate-run.ts (seed ${seed}) in the shape of overlay-vanilla`,
    },
  };
}

export function formatCount(n: number): string {
  return n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : String(n);
}
