/**
 * Starts a worker thread on one of this folder's entry modules. Built code runs the .js file
 * next to this one in dist/; tests run the TypeScript source, and a worker does not inherit
 * tsx's loader hooks (registered by --import in the main thread), so it registers them before
 * loading the entry.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** @param name the entry module's file name without extension, e.g. 'parse-worker' */
export function startPipelineWorker(name: string, options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL(`./${name}.js`, import.meta.url), options);
  }
  const entry = JSON.stringify(new URL(`./${name}.ts`, import.meta.url).href);
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(boot, { ...options, eval: true });
}
