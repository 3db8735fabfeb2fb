/**
 * Sits between bpftrace's stdout and events/packets.csv: passes every byte through untouched
 * (the file is the tool's output as recorded) and counts, with a byte scan, what progress and
 * the stop conditions need: event lines, packets (netif_receive_skb on an underlay device, the
 * outer receive every path starts from), bpftrace's "Lost N events" lines, and the header line
 * that says every probe is attached. Memory stays bounded: only a partial last line is kept.
 *
 * In aggregate mode (`aggregates` given), the aggregate program's exit dump follows the events
 * on the same stdout, from its marker line on: those bytes go to `aggregates` instead, as
 * printed. Output is then passed on whole lines only, so the marker never straddles the two.
 */
import { Transform, type TransformCallback } from 'node:stream';

export const CSV_HEADER = 'ts_ns,cpu,point,dev,skb,len,hash,saddr,daddr,sport,dport,proto,segs,ret';

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const PACKET_POINT = Buffer.from('netif_receive_skb', 'latin1');
/** Longer lines are not events (docs/run-folder.md: line-too-long); they are not counted. */
const MAX_LINE = 4096;
const LOST = /^Lost (\d+) events/;

/** The line the aggregate program prints before its maps (bpftrace/econ-trace-aggregate.bt). */
export const AGGREGATES_MARKER = '=== econ-trace aggregates v1 ===';

export interface CsvTapStats {
  /** Event lines seen (lines starting with a digit). */
  events: number;
  /** netif_receive_skb events on a packet device. */
  packets: number;
  /** Sum of "Lost N events" lines on stdout. */
  lostEvents: number;
  headerSeen: boolean;
  /** The aggregates marker was seen (the rest went to `aggregates`). */
  aggregatesSeen: boolean;
}

export interface CsvTap {
  stream: Transform;
  stats: CsvTapStats;
}

export function createCsvTap(opts: {
  packetDevices: readonly string[];
  onHeader?: () => void;
  onPacket?: (packets: number) => void;
  /** Receives everything from the aggregates marker line on. */
  aggregates?: (chunk: Buffer) => void;
}): CsvTap {
  const stats: CsvTapStats = {
    events: 0,
    packets: 0,
    lostEvents: 0,
    headerSeen: false,
    aggregatesSeen: false,
  };
  const divert = opts.aggregates;
  const devices = [...new Set(opts.packetDevices)].map((d) => Buffer.from(d, 'latin1'));
  let carry: Buffer | null = null;

  const scanLine = (buf: Buffer, start: number, end: number): void => {
    if (end - start > MAX_LINE) return;
    const first = buf[start] ?? 0;
    if (first >= 0x30 && first <= 0x39) {
      stats.events += 1;
      if (devices.length > 0 && isPacketLine(buf, start, end, devices)) {
        stats.packets += 1;
        opts.onPacket?.(stats.packets);
      }
      return;
    }
    const text = buf.toString('latin1', start, end);
    const lost = LOST.exec(text);
    if (lost) stats.lostEvents += Number(lost[1]);
    else if (!stats.headerSeen && text === CSV_HEADER) {
      stats.headerSeen = true;
      opts.onHeader?.();
    }
  };

  const stream = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      if (divert) {
        splitChunk(chunk, done);
        return;
      }
      let buf = chunk;
      if (carry) {
        buf = Buffer.concat([carry, chunk]);
        carry = null;
      }
      let start = 0;
      for (let nl = buf.indexOf(NEWLINE, start); nl >= 0; nl = buf.indexOf(NEWLINE, start)) {
        scanLine(buf, start, nl);
        start = nl + 1;
      }
      // A partial line waits for the rest; a runaway one is dropped from the counts only.
      if (start < buf.length && buf.length - start <= MAX_LINE) carry = buf.subarray(start);
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      if (carry) {
        if (divert && (stats.aggregatesSeen || isMarker(carry, 0, carry.length))) divert(carry);
        else {
          scanLine(carry, 0, carry.length);
          if (divert) stream.push(carry);
        }
      }
      carry = null;
      done();
    },
  });

  // Aggregate mode: whole lines only, and from the marker on everything to `divert`.
  const splitChunk = (chunk: Buffer, done: TransformCallback): void => {
    if (divert === undefined || stats.aggregatesSeen) {
      divert?.(chunk);
      done();
      return;
    }
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = null;
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE, start); nl >= 0; nl = buf.indexOf(NEWLINE, start)) {
      if (isMarker(buf, start, nl)) {
        stats.aggregatesSeen = true;
        divert(buf.subarray(start));
        done(null, buf.subarray(0, start));
        return;
      }
      scanLine(buf, start, nl);
      start = nl + 1;
    }
    // A runaway line without a newline is passed on rather than held (memory stays bounded).
    if (buf.length - start > MAX_LINE) start = buf.length;
    else if (start < buf.length) carry = Buffer.from(buf.subarray(start));
    done(null, buf.subarray(0, start));
  };
  return { stream, stats };
}

function isMarker(buf: Buffer, start: number, end: number): boolean {
  return (
    end - start === AGGREGATES_MARKER.length &&
    buf.toString('latin1', start, end) === AGGREGATES_MARKER
  );
}

/** Whether buf[at, at + want.length) holds exactly the bytes of `want`. */
function bytesEqual(buf: Buffer, at: number, want: Buffer): boolean {
  for (let i = 0; i < want.length; i++) if (buf[at + i] !== want[i]) return false;
  return true;
}

/** Where the next comma is in buf[from, end), or -1. A plain loop: fields here are short. */
function nextComma(buf: Buffer, from: number, end: number): number {
  for (let i = from; i < end; i++) if (buf[i] === COMMA) return i;
  return -1;
}

/**
 * Field 3 is the point, field 4 the device: `ts,cpu,point,dev,...`. Compared byte by byte, with
 * no string made: the per-event mode passes half a million lines a second through here while
 * the workload it measures needs the same two cores.
 */
function isPacketLine(buf: Buffer, start: number, end: number, devices: Buffer[]): boolean {
  const c1 = nextComma(buf, start, end);
  if (c1 < 0) return false;
  const c2 = nextComma(buf, c1 + 1, end);
  if (c2 < 0) return false;
  const devStart = c2 + 2 + PACKET_POINT.length;
  if (devStart >= end || buf[devStart - 1] !== COMMA || !bytesEqual(buf, c2 + 1, PACKET_POINT))
    return false;
  const c4 = nextComma(buf, devStart, end);
  if (c4 < 0) return false;
  return devices.some((d) => d.length === c4 - devStart && bytesEqual(buf, devStart, d));
}
