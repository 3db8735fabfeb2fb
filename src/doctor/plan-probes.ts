/**
 * Picks, per probe point, the mechanism a recording would use on this machine: fentry before
 * kprobe before tracepoint (cheapest and richest first), among those that really attached in the
 * doctor's tests. Pure: the doctor supplies what it measured.
 */
import type { ProbePlanEntry } from '../model/manifest.js';
import type { FentrySpelling } from '../tools/tool-version.js';
import { renderFentrySpelling } from '../tools/compose-bpftrace-program.js';
import { POINT_PROBES, type PointProbes } from './probe-table.js';

/** What the doctor found. */
export interface ProbeCapabilities {
  /** A tiny fentry program attached. */
  fentry: boolean;
  /** A tiny kprobe program attached. */
  kprobe: boolean;
  /** A tiny tracepoint program attached. */
  tracepoint: boolean;
  /** econ_rx is in /proc/kallsyms. */
  econ: boolean;
  /** How the installed bpftrace spells fentry probes. */
  fentrySpelling: FentrySpelling;
}

export type PlannableMechanism = 'fentry' | 'kprobe' | 'tracepoint';

const PREFERENCE: readonly PlannableMechanism[] = ['fentry', 'kprobe', 'tracepoint'];

/**
 * One entry per point some usable mechanism reaches, in POINT_PROBES order; a point none reaches
 * is left out (describeCoverage shows what that costs). ECON points only on ECON kernels.
 *
 * `forced` makes that mechanism the only choice for every point it can reach, whether or not it
 * attached in the doctor's test (the user asked for it; the recording will say if it fails).
 * Points it cannot reach (tracepoint-only ones, or function points when tracepoints are forced)
 * still come from tracepoints when those attach, so a forced run keeps the rest of the path.
 */
export function planProbes(
  capabilities: ProbeCapabilities,
  forced?: PlannableMechanism,
): ProbePlanEntry[] {
  const plan: ProbePlanEntry[] = [];
  for (const row of POINT_PROBES) {
    if (row.econ && !capabilities.econ) continue;
    const mechanism = pickMechanism(row, capabilities, forced);
    if (mechanism === null) continue;
    const probe = row[mechanism] ?? '';
    plan.push({
      point: row.point,
      mechanism,
      probe: mechanism === 'fentry' ? spellFentry(probe, capabilities.fentrySpelling) : probe,
    });
  }
  return plan;
}

function pickMechanism(
  row: PointProbes,
  caps: ProbeCapabilities,
  forced: PlannableMechanism | undefined,
): PlannableMechanism | null {
  if (forced !== undefined && row[forced] !== null) return forced;
  const candidates: readonly PlannableMechanism[] =
    forced === undefined ? PREFERENCE : ['tracepoint'];
  for (const m of candidates) {
    if (caps[m] && row[m] !== null) return m;
  }
  return null;
}

/** "kfunc:f,kretfunc:f" -> "fentry:f,fexit:f" for bpftrace 0.20 and newer. */
function spellFentry(probe: string, spelling: FentrySpelling): string {
  return probe
    .split(',')
    .map((p) => renderFentrySpelling(p, spelling))
    .join(',');
}
