/**
 * Reads a callchain frame line of `perf script -g`:
 *
 *     \t    ffffffff81eb98d3 process_backlog+0x83 ([kernel.kallsyms])
 *
 * as stackcollapse-perf.pl matches it, `/^\s*(\w+)\s*(.+) \((.*)\)/`: an address, the symbol
 * up to the last ` (` that has a `)` after it, and the dso up to the last `)`. Text after that
 * `)` is ignored (perf prints none today). The byte scan below finds the same three parts as
 * that regex whenever the greedy reading matches; only lines it cannot read go through the
 * regex itself, which then decides (a rare backtracking match, or no match at all).
 *
 * Frames repeat endlessly in a profile, so each distinct folded name gets a small integer id,
 * and the `symbol (dso` text is looked up in two caches: a direct-mapped table indexed by a
 * hash of the address, checked by comparing the text in place (no string is made for a hit),
 * then a Map. The Map is cleared when it grows past MAX_CACHED so memory stays bounded.
 */
import { copyText } from '../read/split-lines.js';
import { foldFrameName } from './fold-frame-name.js';
import { PERL_SPACE, isPerlSpace, isPerlWord } from './perl-text.js';

/** The line is not a frame (stackcollapse-perf.pl warns "Unrecognized line" and skips it). */
export const NOT_A_FRAME = -2;
/** The line is a frame that folding leaves out (a symbol in parentheses, or only an offset). */
export const SKIPPED_FRAME = -1;

const FRAME_LINE = new RegExp(`^${PERL_SPACE}*(\\w+)${PERL_SPACE}*([^\\n]+) \\(([^\\n]*)\\)`);
const MAX_CACHED = 200_000;
const SLOTS = 1 << 14;

export class FrameLineReader {
  /** Folded names by id. */
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  /** `symbol (dso` text to frame id, one Map for java processes (tidied differently), one not. */
  private readonly byText = [new Map<string, number>(), new Map<string, number>()];
  private readonly slotText: string[] = new Array<string>(SLOTS * 2).fill('');
  private readonly slotId = new Int32Array(SLOTS * 2);

  /** The frame's id (see `names`), SKIPPED_FRAME, or NOT_A_FRAME. */
  read(text: string, start: number, end: number, java: boolean): number {
    let i = start;
    while (i < end && isPerlSpace(text.charCodeAt(i))) i++;
    const addressStart = i;
    let hash = java ? 1 : 0;
    for (let c = text.charCodeAt(i); i < end && isPerlWord(c); c = text.charCodeAt(++i)) {
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    if (i === addressStart) return this.readSlow(text.slice(start, end), java);
    while (i < end && isPerlSpace(text.charCodeAt(i))) i++;
    const symbolStart = i;
    const close = text.lastIndexOf(')', end - 1);
    if (close - 2 < symbolStart + 1) return this.readSlow(text.slice(start, end), java);
    const length = close - symbolStart;
    const slot = (((hash ^ Math.imul(length, 0x9e3779b1)) >>> 0) % SLOTS) * 2 + (java ? 1 : 0);
    const seen = this.slotText[slot] ?? '';
    if (seen.length === length && text.startsWith(seen, symbolStart)) return this.slotId[slot] ?? 0;
    const open = text.lastIndexOf(' (', close - 2);
    if (open < symbolStart + 1) return this.readSlow(text.slice(start, end), java);
    const key = copyText(text, symbolStart, close);
    const cache = this.byText[java ? 1 : 0] ?? new Map<string, number>();
    let id = cache.get(key);
    if (id === undefined) {
      const folded = foldFrameName(
        key.slice(0, open - symbolStart),
        key.slice(open + 2 - symbolStart),
        java,
      );
      id = this.idOf(folded);
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(key, id);
    }
    this.slotText[slot] = key;
    this.slotId[slot] = id;
    return id;
  }

  private readSlow(line: string, java: boolean): number {
    const m = FRAME_LINE.exec(line);
    if (m === null) return NOT_A_FRAME;
    return this.idOf(foldFrameName(m[2] ?? '', m[3] ?? '', java));
  }

  private idOf(folded: string | null): number {
    if (folded === null) return SKIPPED_FRAME;
    let id = this.ids.get(folded);
    if (id === undefined) {
      // A standalone copy: the name may be a slice of a whole input chunk (see copyText).
      const kept = copyText(folded, 0, folded.length);
      id = this.names.length;
      this.names.push(kept);
      this.ids.set(kept, id);
    }
    return id;
  }
}
