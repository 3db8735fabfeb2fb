/**
 * The receive-path stacks of a run's CPU summary, per packet, for the flame charts. The summary
 * keeps the heaviest folded stacks (CpuSummary.folded.top); the networking ones are those the
 * category table does not call not-networking (src/cpu/classify-frames.ts). What the networking
 * total holds beyond the kept stacks becomes one "rest" entry, so a flame's width is the run's
 * networking CPU per packet exactly as the tables show it.
 */
import {
  classifyFunction,
  classifyStack,
  createFunctionClassifier,
} from '../../cpu/classify-frames.js';
import type { CpuCategory, CpuSummary } from '../../model/cpu.js';

export interface PacketStack {
  /** Process name, then frames root first. */
  frames: string[];
  nsPerPacket: number;
  samples: number;
}

export const REST_FRAME = 'stacks beyond the summary’s heaviest';
export const ROOT_FRAME = 'all networking';

/** Networking stacks per packet; null when the run has no packets or no time unit. */
export function listPacketStacks(cpu: CpuSummary): PacketStack[] | null {
  const { totalWeight } = cpu.folded;
  if (cpu.packets <= 0 || cpu.totalNs <= 0 || totalWeight <= 0 || cpu.nsPerPacket === null)
    return null;
  const nsPerWeight = cpu.totalNs / totalWeight;
  const lookup = createFunctionClassifier();
  const stacks: PacketStack[] = [];
  let keptNs = 0;
  let keptSamples = 0;
  for (const s of cpu.folded.top) {
    const frames = s.stack.split(';');
    if (classifyStack(frames.slice(1), lookup) === 'not-networking') continue;
    const nsPerPacket = (s.weight * nsPerWeight) / cpu.packets;
    stacks.push({ frames, nsPerPacket, samples: s.samples });
    keptNs += nsPerPacket;
    keptSamples += s.samples;
  }
  const networkingSamples = cpu.perCategory
    .filter((c) => c.category !== 'not-networking')
    .reduce((sum, c) => sum + c.samples, 0);
  const restNs = cpu.nsPerPacket - keptNs;
  // Rounding leaves crumbs when everything was kept: only a real remainder gets a box.
  if (restNs > cpu.nsPerPacket * 1e-9 && networkingSamples > keptSamples) {
    stacks.push({
      frames: [REST_FRAME],
      nsPerPacket: restNs,
      samples: networkingSamples - keptSamples,
    });
  }
  return stacks;
}

/** Colour key of a box: the category its function belongs to, or what kind of box it is. */
export type FrameKind = CpuCategory | 'process or unclassified' | 'merged narrow frames';

export const FRAME_KINDS: readonly FrameKind[] = [
  'nic-gro',
  'softirq-backlog',
  'outer-ip-udp',
  'vxlan-decap',
  'bridge',
  'veth',
  'inner-ip',
  'transport-lookup',
  'socket-enqueue-wakeup',
  'copy-to-user',
  'econ',
  'other-networking',
  'process or unclassified',
  'merged narrow frames',
];

// Light tones so the dark box labels stay readable; ECON's own frames stand out in red.
export const FRAME_KIND_COLOURS: readonly string[] = [
  '#9ecae1',
  '#c6dbef',
  '#6baed6',
  '#fdae6b',
  '#fdd0a2',
  '#fee6ce',
  '#a1d99b',
  '#c7e9c0',
  '#bcbddc',
  '#dadaeb',
  '#fb6a4a',
  '#e7e7e7',
  '#f7f7f7',
  '#bdbdbd',
];

export function classifyBox(name: string, merged: number): FrameKind {
  if (merged > 1) return 'merged narrow frames';
  return classifyFunction(name) ?? 'process or unclassified';
}
