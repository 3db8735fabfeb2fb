/**
 * The detail tables of a run that the Markdown and HTML reports show beyond stdout: checkpoints,
 * busiest flows, CPUs, ECON counters and ingest issues. From RunReport; cells are plain text.
 */
import type { EconSummary, FlowStats, RunReport } from '../../model/report.js';
import type { FlowKey } from '../../model/timeline.js';
import { checkpointInfo, type CheckpointInfo } from '../../model/checkpoint.js';
import { formatCount, formatNs, formatPercent } from '../format.js';
import type { Table } from '../table.js';

/** Packets that reached each checkpoint, in path order, with the share of all timelines. */
export function buildCheckpointTable(run: RunReport): Table {
  const total = run.packets.total;
  return {
    header: ['checkpoint', 'stage', 'what happens', 'packets', 'of total'],
    align: ['left', 'right', 'left', 'right', 'right'],
    rows: run.checkpoints.map((c) => {
      // A model read back from JSON may name a checkpoint this version does not know.
      const info = checkpointInfo(c.checkpoint) as CheckpointInfo | undefined;
      return [
        c.checkpoint,
        info ? String(info.stage) : '?',
        info?.title ?? '',
        formatCount(c.packets),
        total > 0 ? formatPercent(c.packets / total) : 'n/a',
      ];
    }),
  };
}

const PROTO_NAMES: Record<number, string> = { 6: 'tcp', 17: 'udp' };

/** "udp 10.233.1.2:40000 > 10.233.2.2:5201"; unknown parts show as "?". */
export function formatFlow(flow: FlowKey): string {
  const proto = flow.proto < 0 ? '?' : (PROTO_NAMES[flow.proto] ?? `proto ${flow.proto}`);
  const end = (addr: string, port: number): string =>
    `${addr || '?'}:${port < 0 ? '?' : String(port)}`;
  return `${proto} ${end(flow.saddr, flow.sport)} > ${end(flow.daddr, flow.dport)}`;
}

function flowHitRate(f: FlowStats): string {
  const seen = f.econHits + f.econMisses;
  return seen > 0 ? formatPercent(f.econHits / seen) : 'n/a';
}

/** The busiest flows as the analysis ranked them. */
export function buildFlowTable(run: RunReport): Table {
  return {
    header: ['flow', 'packets', 'e2e p50', 'e2e p99', 'ECON hits', 'ECON misses', 'hit rate'],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows: run.flows.map((f) => [
      formatFlow(f.flow),
      formatCount(f.packets),
      f.endToEnd ? formatNs(f.endToEnd.p50Ns) : 'n/a',
      f.endToEnd ? formatNs(f.endToEnd.p99Ns) : 'n/a',
      formatCount(f.econHits),
      formatCount(f.econMisses),
      flowHitRate(f),
    ]),
  };
}

/** Hops per CPU and their share; CPU -1 means the source did not say. */
export function buildCpuTable(run: RunReport): Table {
  const total = run.cpus.reduce((sum, c) => sum + c.hops, 0);
  return {
    header: ['cpu', 'hops', 'share'],
    align: ['right', 'right', 'right'],
    rows: run.cpus.map((c) => [
      c.cpu < 0 ? 'unknown' : String(c.cpu),
      formatCount(c.hops),
      total > 0 ? formatPercent(c.hops / total) : 'n/a',
    ]),
  };
}

/** ECON's counters (ECON.md's return values), one row each. */
export function buildEconTable(econ: EconSummary): Table {
  const rows: [string, number][] = [
    ['econ_rx hit (fast path)', econ.rx.hit],
    ['econ_rx already handled', econ.rx.already],
    ['econ_rx miss (not cached)', econ.rx.miss],
    ['econ_rx drop', econ.rx.drop],
    ['econ_rx other', econ.rx.other],
    ['econ_rx_insert', econ.inserts],
    ['econ_rx_remove', econ.removals],
    ['econ_rx_remove_all (flush)', econ.flushes],
    ['econ_rx_deliver delivered', econ.deliver.delivered],
    ['econ_rx_deliver not delivered', econ.deliver.notDelivered],
    ['econ_xmit sent fast', econ.tx.sentFast],
    ['econ_xmit not TCP/UDP', econ.tx.notTcpUdp],
    ['econ_xmit not cached', econ.tx.notCached],
    ['econ_xmit push failed', econ.tx.pushFailed],
    ['econ_xmit other', econ.tx.other],
    ['econ_tx_insert inserted', econ.txInserts.inserted],
    ['econ_tx_insert disabled', econ.txInserts.disabled],
    ['econ_tx_insert filtered', econ.txInserts.filtered],
  ];
  return {
    header: ['counter', 'count'],
    align: ['left', 'right'],
    rows: rows.map(([name, n]) => [name, formatCount(n)]),
  };
}

/** Ingest issues by reason with their count; examples are listed separately by each renderer. */
export function buildIssueTable(run: RunReport): Table {
  return {
    header: ['reason', 'count', 'first places'],
    align: ['left', 'right', 'left'],
    rows: run.ingest.issues.map((i) => [
      i.reason,
      formatCount(i.count),
      i.examples.map((e) => `${e.file}:${e.line}`).join(', ') || '-',
    ]),
  };
}
