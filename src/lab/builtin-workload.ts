/**
 * A small stand-in for sockperf and iperf3 when they are not installed: a UDP/TCP echo or sink
 * server and a paced client. It aims at a modest, steady rate (what tracing needs), not at
 * throughput records. Timer pacing has millisecond granularity: rates are met per 10 ms tick.
 */
import { createSocket } from 'node:dgram';
import { createConnection, createServer, type Socket } from 'node:net';
import type { WorkloadKind } from './build-workload-plan.js';

export interface BuiltinClientSummary {
  /** Messages sent (datagrams, requests, writes). */
  sent: number;
  /** Replies received (request/response kinds); equal to sent for streams. */
  received: number;
}

const TICK_MS = 10;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Serve until the process is stopped: echo for the -rr kinds, discard for streams. */
export function startBuiltinServer(kind: WorkloadKind, addr: string, port: number): void {
  const echo = kind.endsWith('-rr');
  if (kind.startsWith('udp')) {
    const sock = createSocket('udp4');
    sock.on('message', (msg, rinfo) => {
      if (echo) sock.send(msg, rinfo.port, rinfo.address);
    });
    sock.bind(port, addr);
    return;
  }
  createServer((conn) => {
    conn.on('error', () => conn.destroy());
    if (echo) conn.pipe(conn);
    else conn.resume();
  }).listen(port, addr);
}

/** Messages due by now at `rate`/s since `start`; with rate 0, one more tick's worth of a burst. */
function dueBy(start: number, rate: number, sent: number): number {
  if (rate <= 0) return sent + 64;
  return Math.floor(((Date.now() - start) / 1000) * rate);
}

async function runUdpClient(
  kind: WorkloadKind,
  addr: string,
  port: number,
  endAt: number,
  rate: number,
  payload: Buffer,
): Promise<BuiltinClientSummary> {
  const sock = createSocket('udp4');
  const summary = { sent: 0, received: 0 };
  let waiting: (() => void) | null = null;
  sock.on('message', () => {
    summary.received += 1;
    waiting?.();
  });
  const start = Date.now();
  while (Date.now() < endAt) {
    if (kind === 'udp-rr') {
      const reply = new Promise<void>((r) => (waiting = r));
      sock.send(payload, port, addr);
      summary.sent += 1;
      await Promise.race([reply, sleep(1000)]);
      waiting = null;
    } else {
      for (const due = dueBy(start, rate, summary.sent); summary.sent < due; summary.sent++)
        sock.send(payload, port, addr);
    }
    if (rate > 0 && summary.sent >= dueBy(start, rate, summary.sent)) await sleep(TICK_MS);
    else if (rate <= 0) await new Promise((r) => setImmediate(r));
  }
  await sleep(100);
  sock.close();
  if (kind === 'udp-stream') summary.received = summary.sent;
  return summary;
}

async function runTcpClient(
  kind: WorkloadKind,
  addr: string,
  port: number,
  endAt: number,
  rate: number,
  payload: Buffer,
): Promise<BuiltinClientSummary> {
  const conn: Socket = createConnection({ host: addr, port });
  conn.setNoDelay(true);
  await new Promise<void>((resolve, reject) => conn.once('connect', resolve).once('error', reject));
  const summary = { sent: 0, received: 0 };
  let pending = 0;
  let waiting: (() => void) | null = null;
  conn.on('data', (chunk: Buffer) => {
    pending -= chunk.length;
    if (pending <= 0) {
      summary.received += 1;
      waiting?.();
    }
  });
  const start = Date.now();
  while (Date.now() < endAt) {
    if (kind === 'tcp-rr') {
      const reply = new Promise<void>((r) => (waiting = r));
      pending = payload.length;
      conn.write(payload);
      summary.sent += 1;
      await Promise.race([reply, sleep(1000)]);
    } else {
      for (const due = dueBy(start, rate, summary.sent); summary.sent < due; summary.sent++) {
        if (!conn.write(payload)) await new Promise((r) => conn.once('drain', r));
      }
    }
    if (rate > 0 && summary.sent >= dueBy(start, rate, summary.sent)) await sleep(TICK_MS);
  }
  conn.end();
  if (kind === 'tcp-stream') summary.received = summary.sent;
  return summary;
}

/** Run the client for `durationSec`, paced at `rate` messages/s (0 = as fast as it goes). */
export async function runBuiltinClient(
  kind: WorkloadKind,
  addr: string,
  port: number,
  durationSec: number,
  rate: number,
  payloadBytes: number,
): Promise<BuiltinClientSummary> {
  const payload = Buffer.alloc(Math.max(1, payloadBytes), 0x61);
  const endAt = Date.now() + durationSec * 1000;
  if (kind.startsWith('udp')) return runUdpClient(kind, addr, port, endAt, rate, payload);
  return runTcpClient(kind, addr, port, endAt, rate, payload);
}
