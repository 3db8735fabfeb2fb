/**
 * vega and vega-lite from the single-file builds their packages ship (vega/build/vega.js,
 * vega-lite/build/vega-lite.min.js) instead of their ES module graphs: one file each loads in
 * about a third of the time of the sixty-odd modules the package entries import, and chart
 * workers load vega on every report. The files are UMD scripts in "type": "module" packages, so
 * require() refuses them; they run here as CommonJS would run them. Types still come from the
 * packages' own declarations.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';

const require = createRequire(import.meta.url);

/** Runs a UMD file as a CommonJS module would, with `require` answering its dependencies. */
function runUmd(file: string, deps: Record<string, unknown>): unknown {
  const source = readFileSync(file, 'utf8');
  const wrapper = new Script(`(function (exports, module, require) {${source}\n})`, {
    filename: file,
  }).runInThisContext() as (e: object, m: { exports: object }, r: (id: string) => unknown) => void;
  const module = { exports: {} };
  wrapper(module.exports, module, (id) => {
    if (id in deps) return deps[id];
    throw new Error(`${file} asks for ${id}, which it is not given`);
  });
  return module.exports;
}

/** A file beside the one a package's entry point resolves to. */
function besideEntry(pkg: string, file: string): string {
  return join(dirname(require.resolve(pkg)), file);
}

export interface VegaLibs {
  vega: typeof Vega;
  vegaLite: typeof VegaLite;
}

let loaded: VegaLibs | null = null;

export function loadVega(): VegaLibs {
  if (loaded) return loaded;
  const vega = runUmd(besideEntry('vega', 'vega.js'), {}) as typeof Vega;
  const vegaLite = runUmd(besideEntry('vega-lite', 'vega-lite.min.js'), {
    vega,
  }) as typeof VegaLite;
  loaded = { vega, vegaLite };
  return loaded;
}
