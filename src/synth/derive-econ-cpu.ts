/**
 * CPU stack samples for the synthetic ECON run, derived from the vanilla run's perf script text
 * (cpu/perf-script.txt[.gz]). A fast-path hit never walks stages 3 to 9, so samples whose
 * category (src/cpu/classify-frames.ts) is one of those stages are removed in proportion to the
 * hit rate, spread evenly through the file (error diffusion: deterministic, no randomness).
 * ECON's own work is added as two samples under the underlay's receive stack, taken from the
 * first vanilla sample that decapsulates (the frames from the receive dispatch down to the root):
 * econ_rx;econ_rx_lookup with period (hits + misses) x the model's lookup time, and
 * econ_rx;econ_rx_deliver with period hits x its fast-path overhead. Kept samples stay byte for
 * byte as perf printed them. Fixture-sized input: the file is held in memory.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { classifyStack, createFunctionClassifier } from '../cpu/classify-frames.js';
import { findCpuFile } from '../cpu/find-cpu-file.js';
import type { CpuCategory } from '../model/cpu.js';
import type { EconModel } from './econ-model.js';

/** Categories of the stages a hit skips (ECON.md stages 3 to 9 and the backlog between them). */
export const SKIPPED_CPU_CATEGORIES: ReadonlySet<CpuCategory> = new Set([
  'outer-ip-udp',
  'vxlan-decap',
  'bridge',
  'veth',
  'softirq-backlog',
  'inner-ip',
  'transport-lookup',
]);

/** Where ECON hooks in: netif_receive_skb on the underlay (net/core/dev.c). */
const DISPATCH = [
  '__netif_receive_skb_one_core',
  '__netif_receive_skb_core',
  '__netif_receive_skb',
];

export interface EconCpuResult {
  /** perf script text (latin1: one char per byte, as read). */
  text: string;
  samples: number;
  eligible: number;
  removed: number;
  /** ECON samples added (0 when no vanilla sample showed the underlay's receive stack). */
  added: number;
}

interface Block {
  lines: string[];
  /** Function names, leaf first ('' for lines that are not frames). */
  frames: string[];
}

const FRAME = /^\s+[0-9a-fA-F]+\s+(.+?)\s+\([^()]*\)$/;
const PERIOD = /^(.*:\s+)(\d+)(\s+\S+:\s*)$/;

function readFrameName(line: string): string {
  const m = FRAME.exec(line);
  return m === null ? '' : (m[1] ?? '').replace(/\+0x[0-9a-fA-F]+$/, '');
}

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let lines: string[] = [];
  for (const line of text.split('\n')) {
    if (line !== '') {
      lines.push(line);
      continue;
    }
    if (lines.length > 0) blocks.push({ lines, frames: lines.slice(1).map(readFrameName) });
    lines = [];
  }
  if (lines.length > 0) blocks.push({ lines, frames: lines.slice(1).map(readFrameName) });
  return blocks;
}

/** The vanilla CPU file turned ECON; null when the run has no cpu/ file. */
export async function deriveEconCpu(
  sourceDir: string,
  hits: number,
  misses: number,
  model: EconModel,
): Promise<EconCpuResult | null> {
  const file = await findCpuFile(sourceDir);
  if (file === null) return null;
  const raw = await readFile(file.path);
  const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  const blocks = splitBlocks(bytes.toString('latin1'));
  const hitRate = hits + misses > 0 ? hits / (hits + misses) : 0;
  const lookup = createFunctionClassifier();
  const kept: string[] = [];
  let samples = 0;
  let eligible = 0;
  let removed = 0;
  let debt = 0;
  let template: Block | null = null;
  for (const b of blocks) {
    const isSample = !(b.lines[0] ?? '#').startsWith('#') && b.frames.some((f) => f !== '');
    if (isSample) {
      samples += 1;
      if (template === null && b.frames.includes('vxlan_rcv') && findDispatch(b) !== -1)
        template = b;
      const category = classifyStack(
        [...b.frames].reverse().filter((f) => f !== ''),
        lookup,
      );
      if (SKIPPED_CPU_CATEGORIES.has(category)) {
        eligible += 1;
        debt += hitRate;
        if (debt >= 1) {
          debt -= 1;
          removed += 1;
          continue;
        }
      }
    }
    kept.push(b.lines.join('\n'));
  }
  const econ = template ? econSamples(template, hits, misses, model) : [];
  const text = [...kept, ...econ].map((b) => `${b}\n\n`).join('');
  return { text, samples, eligible, removed, added: econ.length };
}

function findDispatch(b: Block): number {
  return b.frames.findIndex((f) => DISPATCH.includes(f));
}

/** Two samples of ECON's functions on the template's stack; none if its header has no period. */
function econSamples(template: Block, hits: number, misses: number, model: EconModel): string[] {
  const header = PERIOD.exec(template.lines[0] ?? '');
  const at = findDispatch(template);
  if (header === null || at === -1) return [];
  const below = template.lines.slice(1 + at);
  const indent = /^\s*/.exec(below[0] ?? '')?.[0] ?? '\t';
  const frame = (name: string): string =>
    `${indent}ffffffff00000000 ${name}+0x0 ([kernel.kallsyms])`;
  const sample = (leaf: string, periodNs: number): string =>
    [
      `${header[1] ?? ''}${Math.round(periodNs)}${header[3] ?? ''}`,
      frame(leaf),
      frame('econ_rx'),
      ...below,
    ].join('\n');
  const out: string[] = [];
  const lookupNs = (hits + misses) * model.lookupNs;
  const deliverNs = hits * model.fastPathOverheadNs;
  if (lookupNs > 0) out.push(sample('econ_rx_lookup', lookupNs));
  if (deliverNs > 0) out.push(sample('econ_rx_deliver', deliverNs));
  return out;
}
