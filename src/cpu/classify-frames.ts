/**
 * Decides a stack sample's CPU category from its frames (table in cpu-categories.ts): from the
 * leaf towards the root, the first frame the table names wins. One refinement: IP and UDP
 * receive functions run for both the outer (VXLAN) and the inner packet; when a NIC driver's
 * NAPI poll is below them and no decap or backlog is in between, the packet is the outer one.
 * In the lab the underlay is a veth, so the outer packet also arrives through the backlog and
 * its IP/UDP time counts as inner: a stack does not say which packet a backlog drains.
 */
import type { CpuCategory } from '../model/cpu.js';
import { CPU_CATEGORIES, NIC_DRIVER_POLLS } from './cpu-categories.js';

const EXACT = new Map<string, CpuCategory>();
const PREFIXES: { prefix: string; category: CpuCategory }[] = [];
for (const spec of CPU_CATEGORIES) {
  for (const f of spec.functions) {
    if (f.endsWith('*')) PREFIXES.push({ prefix: f.slice(0, -1), category: spec.category });
    else EXACT.set(f, spec.category);
  }
}

/** Categories that an outer packet's frames would also show. */
const SHARED_WITH_OUTER: ReadonlySet<CpuCategory> = new Set(['inner-ip', 'transport-lookup']);
/** Frames between the driver poll and IP that mean the packet is an inner one. */
const INNER_MARKERS: ReadonlySet<string> = new Set([
  'process_backlog',
  'gro_cell_poll',
  'veth_poll',
]);

/** Category of one function name, null when the table does not name it. */
export function classifyFunction(frame: string): CpuCategory | null {
  // `.constprop.0`, `.isra.0`, `.part.0`, `.cold`: compiler clones of the same function.
  const dot = frame.indexOf('.');
  const name = dot > 0 ? frame.slice(0, dot) : frame;
  const exact = EXACT.get(name);
  if (exact !== undefined) return exact;
  for (const p of PREFIXES) if (name.startsWith(p.prefix)) return p.category;
  return null;
}

/**
 * Classifies a folded stack given root first (the process name already removed). `lookup`
 * memoises classifyFunction across calls.
 */
export function classifyStack(
  framesRootFirst: readonly string[],
  lookup: (frame: string) => CpuCategory | null = classifyFunction,
): CpuCategory {
  for (let i = framesRootFirst.length - 1; i >= 0; i--) {
    const category = lookup(framesRootFirst[i] ?? '');
    if (category === null) continue;
    if (SHARED_WITH_OUTER.has(category) && comesFromNic(framesRootFirst, i)) return 'outer-ip-udp';
    return category;
  }
  return 'not-networking';
}

/** A NIC driver poll below frame `at`, with no inner-packet marker between them. */
function comesFromNic(framesRootFirst: readonly string[], at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const frame = framesRootFirst[i] ?? '';
    if (INNER_MARKERS.has(frame)) return false;
    if (NIC_DRIVER_POLLS.has(frame)) return true;
  }
  return false;
}

/** A memoised classifyFunction, for classifying many stacks. */
export function createFunctionClassifier(): (frame: string) => CpuCategory | null {
  const seen = new Map<string, CpuCategory | null>();
  return (frame) => {
    let c = seen.get(frame);
    if (c === undefined) {
      c = classifyFunction(frame);
      seen.set(frame, c);
    }
    return c;
  };
}
