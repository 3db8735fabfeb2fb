/**
 * A vega-lite spec to an SVG string, in Node: vega-lite compiles it to a vega spec, vega renders
 * it headless (`renderer: 'none'`, no canvas package) and serialises the scenegraph to SVG.
 * Text stays <text> elements in a generic font family, so the SVG needs no font files. Mark
 * items get <title> children (svg-titles.ts), so hovering shows their values without scripts.
 */
import type { Spec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { loadVega } from './load-vega.js';
import { addSvgTitles } from './svg-titles.js';

export interface RenderSvgOptions {
  /**
   * Prefix for the ids vega gives clip paths and gradients. Several SVGs inlined in one HTML
   * page share one id namespace, so each chart needs its own prefix.
   */
  idPrefix?: string;
}

// vega numbers clip paths and gradients from module-level counters. Rendering one chart at a
// time, from reset counters, makes the ids (and so the SVG text) the same on every run.
let queue: Promise<unknown> = Promise.resolve();

/** Render a vega-lite spec to a standalone SVG document string. */
export function renderSvg(spec: TopLevelSpec, options: RenderSvgOptions = {}): Promise<string> {
  // Compile outside the queue: it is pure and reports spec errors before waiting.
  const compiled = loadVega().vegaLite.compile(spec).spec;
  const run = queue.then(() => renderCompiled(compiled, options.idPrefix ?? 'chart'));
  queue = run.catch(() => undefined);
  return run;
}

async function renderCompiled(compiled: Spec, idPrefix: string): Promise<string> {
  const { vega } = loadVega();
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return addSvgTitles(prefixIds(svg, idPrefix));
  } finally {
    view.finalize();
  }
}

/** Rewrite id="x" and url(#x) references so the ids are unique to this chart. */
function prefixIds(svg: string, prefix: string): string {
  const safe = prefix.replace(/[^A-Za-z0-9_-]/g, '_');
  return svg
    .replace(/ id="([^"]+)"/g, (_m, id: string) => ` id="${safe}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${safe}-${id})`);
}
