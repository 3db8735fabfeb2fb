/**
 * The tree and box layout behind the flame-style charts. Stacks (root first) are merged into a
 * tree whose nodes carry one value per series (one run, or baseline and candidate); a box's
 * width is `widthOf` its values, never less than its children's widths together, so children
 * always fit under their parent. Children narrower than `minSpan` are merged into one box per
 * parent ("N narrow frames") whose width is their sum and which is not expanded further: the
 * totals hold, only the detail below a visible size is folded away.
 */

export interface FlameNode {
  name: string;
  /** Per series: CPU ns (or µs, or anything additive) of the samples passing through. */
  values: number[];
  samples: number[];
  children: Map<string, FlameNode>;
}

export interface FlameBox {
  name: string;
  depth: number;
  x0: number;
  x1: number;
  values: number[];
  samples: number[];
  /** Frames merged into this box (0 for a real frame). */
  merged: number;
  /** Root-first names joined with `;`: a stable identity for the box. */
  path: string;
}

export function createFlameNode(name: string, series: number): FlameNode {
  return {
    name,
    values: new Array<number>(series).fill(0),
    samples: new Array<number>(series).fill(0),
    children: new Map(),
  };
}

/** Adds one stack (root first, below `root`) with its value and samples for series `s`. */
export function addFlameStack(
  root: FlameNode,
  frames: readonly string[],
  s: number,
  value: number,
  samples: number,
): void {
  let node = root;
  const touch = (n: FlameNode): void => {
    n.values[s] = (n.values[s] ?? 0) + value;
    n.samples[s] = (n.samples[s] ?? 0) + samples;
  };
  touch(node);
  for (const frame of frames) {
    let child = node.children.get(frame);
    if (child === undefined) {
      child = createFlameNode(frame, root.values.length);
      node.children.set(frame, child);
    }
    touch(child);
    node = child;
  }
}

export interface FlameLayoutOptions {
  /** A box's own width from its values, e.g. the value, or max(baseline, candidate). */
  widthOf: (values: readonly number[]) => number;
  /** Children narrower than this are merged into one box per parent. */
  minSpan: number;
  /** Deepest row drawn (root is 0); deeper frames stay inside their ancestor's width. */
  maxDepth: number;
}

/** Boxes of the whole tree, parents before children, children in name order. */
export function layoutFlame(root: FlameNode, opts: FlameLayoutOptions): FlameBox[] {
  const spans = new Map<FlameNode, number>();
  const spanOf = (n: FlameNode): number => {
    let s = spans.get(n);
    if (s === undefined) {
      let kids = 0;
      for (const c of n.children.values()) kids += spanOf(c);
      s = Math.max(opts.widthOf(n.values), kids);
      spans.set(n, s);
    }
    return s;
  };
  const boxes: FlameBox[] = [];
  const place = (n: FlameNode, depth: number, x0: number, path: string, merged: number): void => {
    const span = spanOf(n);
    boxes.push({
      name: n.name,
      depth,
      x0,
      x1: x0 + span,
      values: n.values,
      samples: n.samples,
      merged,
      path,
    });
    if (depth >= opts.maxDepth || merged > 0) return;
    const kids = [...n.children.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    const wide = kids.filter((c) => spanOf(c) >= opts.minSpan);
    const narrow = kids.filter((c) => spanOf(c) < opts.minSpan);
    let x = x0;
    for (const c of wide) {
      place(c, depth + 1, x, `${path};${c.name}`, 0);
      x += spanOf(c);
    }
    if (narrow.length === 0) return;
    const other = mergeNodes(narrow, `${narrow.length} narrow frames`);
    spans.set(
      other,
      narrow.reduce((sum, c) => sum + spanOf(c), 0),
    );
    place(other, depth + 1, x, `${path};${other.name}`, narrow.length);
  };
  place(root, 0, 0, root.name, 0);
  return boxes;
}

function mergeNodes(nodes: readonly FlameNode[], name: string): FlameNode {
  const first = nodes[0];
  const series = first ? first.values.length : 0;
  const out = createFlameNode(nodes.length === 1 && first ? first.name : name, series);
  for (const n of nodes) {
    for (let s = 0; s < series; s++) {
      out.values[s] = (out.values[s] ?? 0) + (n.values[s] ?? 0);
      out.samples[s] = (out.samples[s] ?? 0) + (n.samples[s] ?? 0);
    }
  }
  return out;
}

/** A box label cut to fit `px` pixels at about 6 px per character; '' when nothing fits. */
export function fitLabel(name: string, px: number): string {
  const chars = Math.floor((px - 6) / 6);
  if (chars < 3) return '';
  return name.length <= chars ? name : `${name.slice(0, chars - 1)}…`;
}
