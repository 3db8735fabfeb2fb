/**
 * ECON's own counters, from the raw econ_* events (they describe the flow cache, not one packet
 * timeline): econ_rx outcomes and the hit rate over time, inserts, removals, flushes, deliveries
 * and the transmit side. Return values follow ECON.md's function table.
 */
import type { TraceEvent } from '../model/event.js';
import type { EconSummary } from '../model/report.js';
import {
  addHitRateSample,
  createHitRateTimeline,
  finishHitRateTimeline,
  type HitRateTimeline,
} from './hit-rate-timeline.js';

export interface EconCounters {
  /** Any econ_* event at all (including points with no counter, such as econ_rx_lookup). */
  seen: boolean;
  rx: { hit: number; already: number; miss: number; drop: number; other: number };
  inserts: number;
  removals: number;
  flushes: number;
  deliver: { delivered: number; notDelivered: number };
  tx: { sentFast: number; notTcpUdp: number; notCached: number; pushFailed: number; other: number };
  txInserts: { inserted: number; disabled: number; filtered: number };
  readonly overTime: HitRateTimeline;
}

export function createEconCounters(): EconCounters {
  return {
    seen: false,
    rx: { hit: 0, already: 0, miss: 0, drop: 0, other: 0 },
    inserts: 0,
    removals: 0,
    flushes: 0,
    deliver: { delivered: 0, notDelivered: 0 },
    tx: { sentFast: 0, notTcpUdp: 0, notCached: 0, pushFailed: 0, other: 0 },
    txInserts: { inserted: 0, disabled: 0, filtered: 0 },
    overTime: createHitRateTimeline(),
  };
}

function countRx(c: EconCounters, ev: TraceEvent): void {
  switch (ev.ret) {
    case 0:
      c.rx.hit += 1;
      addHitRateSample(c.overTime, ev.tsNs, true);
      break;
    case 1:
      c.rx.already += 1;
      break;
    case 2:
      c.rx.miss += 1;
      addHitRateSample(c.overTime, ev.tsNs, false);
      break;
    case 3:
      c.rx.drop += 1;
      break;
    default:
      c.rx.other += 1; // includes a missing return value (entry probe without its return)
  }
}

function countXmit(c: EconCounters, ret: number | null): void {
  if (ret === 0) c.tx.sentFast += 1;
  else if (ret === 1) c.tx.notTcpUdp += 1;
  else if (ret === 2) c.tx.notCached += 1;
  else if (ret === 3) c.tx.pushFailed += 1;
  else c.tx.other += 1;
}

function countTxInsert(c: EconCounters, ret: number | null): void {
  if (ret === 0) c.txInserts.inserted += 1;
  else if (ret === 1) c.txInserts.disabled += 1;
  // 2..7 are the filter's reasons; an unknown return value is not counted as any of the three.
  else if (ret !== null && ret >= 2 && ret <= 7) c.txInserts.filtered += 1;
}

/** Count one raw event; points that are not ECON's are ignored. */
export function addEconEvent(c: EconCounters, ev: TraceEvent): void {
  switch (ev.point) {
    case 'econ_rx':
      countRx(c, ev);
      break;
    case 'econ_rx_insert':
      c.inserts += 1;
      break;
    case 'econ_rx_remove':
      c.removals += 1;
      break;
    case 'econ_rx_remove_all':
      c.flushes += 1;
      break;
    case 'econ_rx_deliver':
      // bool: 1 delivered, 0 not; a missing return value says nothing either way.
      if (ev.ret === 1) c.deliver.delivered += 1;
      else if (ev.ret === 0) c.deliver.notDelivered += 1;
      break;
    case 'econ_xmit':
      countXmit(c, ev.ret);
      break;
    case 'econ_tx_insert':
      countTxInsert(c, ev.ret);
      break;
    case 'econ_rx_lookup':
    case 'econ_filter_skb':
      break;
    default:
      return;
  }
  c.seen = true;
}

/** The EconSummary; null when the run has no ECON events and is not on an ECON kernel. */
export function finishEcon(c: EconCounters, econKernel: boolean): EconSummary | null {
  if (!c.seen && !econKernel) return null;
  const decided = c.rx.hit + c.rx.miss;
  return {
    rx: { ...c.rx },
    hitRate: decided === 0 ? null : c.rx.hit / decided,
    hitRateOverTime: finishHitRateTimeline(c.overTime),
    inserts: c.inserts,
    removals: c.removals,
    flushes: c.flushes,
    deliver: { ...c.deliver },
    tx: { ...c.tx },
    txInserts: { ...c.txInserts },
  };
}
