/**
 * Renders chart specs to SVG in a worker thread (chart-worker.ts), started once per process and
 * on first use, so vega loads beside the analysis instead of after it. The SVG text is exactly
 * renderSvg's: the worker runs it. When a worker cannot start, charts render in this thread.
 * The worker does not keep the process alive while no chart is waiting.
 */
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartRequest, ChartResponse } from './chart-worker.js';

interface Pending {
  resolve(svg: string): void;
  reject(err: Error): void;
}

let worker: Worker | null = null;
let failed = false;
let nextId = 0;
const pending = new Map<number, Pending>();

/** Starts the chart worker (vega loads in it) if it is not running yet. */
export function prepareChartRenderer(): void {
  if (worker !== null || failed) return;
  try {
    worker = startWorker();
  } catch {
    failed = true;
    return;
  }
  worker.on('message', (res: ChartResponse) => {
    const p = pending.get(res.id);
    if (p === undefined) return;
    pending.delete(res.id);
    if (pending.size === 0) worker?.unref();
    if ('svg' in res) p.resolve(res.svg);
    else p.reject(new Error(res.error));
  });
  const fail = (err: Error): void => {
    worker = null;
    failed = true;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the chart worker exited (code ${code})`)));
  // After the listeners: adding a 'message' listener refs the worker again.
  worker.unref();
}

/** renderSvg(spec, { idPrefix }), in the chart worker when there is one. */
export async function renderChart(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  prepareChartRenderer();
  const w = worker;
  if (w === null) {
    const { renderSvg } = await import('./render-svg.js');
    return renderSvg(spec, { idPrefix });
  }
  const id = nextId++;
  const done = new Promise<string>((resolve, reject) => pending.set(id, { resolve, reject }));
  w.ref();
  w.postMessage({ id, spec, idPrefix } satisfies ChartRequest);
  return done;
}

/** Built code runs dist/render/chart-worker.js; tests run the TypeScript source. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./chart-worker.js', import.meta.url));
  // A worker does not inherit tsx's loader hooks: register them before loading the entry.
  const entry = JSON.stringify(new URL('./chart-worker.ts', import.meta.url).href);
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(boot, { eval: true });
}
