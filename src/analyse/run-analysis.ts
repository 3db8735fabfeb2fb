/**
 * What analysing one run yields: the JSON-safe RunReport for the renderers, plus the reservoir
 * samples the comparison bootstraps from (never serialised).
 */
import type { RunReport } from '../model/report.js';

export interface RunAnalysis {
  report: RunReport;
  /**
   * Reservoir samples keyed by stageSampleKey(name) or spanSampleKey(name). Stages and spans
   * have separate keys because a span name can also be a stage name: on an ECON hit the path
   * can go straight from outer_rcv to sock_ready.
   */
  samples: Map<string, Float64Array>;
}

export function stageSampleKey(name: string): string {
  return `stage:${name}`;
}

export function spanSampleKey(name: string): string {
  return `span:${name}`;
}
