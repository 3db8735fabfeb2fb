/**
 * Worker thread entry that renders charts (renderSvg, vega) for write-report.ts. Importing vega
 * costs a few hundred ms of compile time; in a worker started as soon as the report code is
 * loaded, that happens on the second core while the runs are analysed, and the main thread never
 * loads vega at all. Requests are rendered one at a time, in arrival order, by renderSvg itself.
 * Importing compiles little: V8 compiles vega's functions on their first call, so the worker
 * renders a small throwaway chart at once (warmUpSpec) and the first real chart finds them ready.
 */
import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './render-svg.js';

export interface ChartRequest {
  id: number;
  spec: TopLevelSpec;
  idPrefix: string;
}

export type ChartResponse = { id: number; svg: string } | { id: number; error: string };

parentPort?.on('message', (req: ChartRequest) => {
  renderSvg(req.spec, { idPrefix: req.idPrefix }).then(
    (svg) => parentPort?.postMessage({ id: req.id, svg } satisfies ChartResponse),
    (err: unknown) =>
      parentPort?.postMessage({
        id: req.id,
        error: err instanceof Error ? err.message : String(err),
      } satisfies ChartResponse),
  );
});

/** Marks, scales, axes, a legend and text: the code paths every report chart goes through. */
const warmUpSpec: TopLevelSpec = {
  data: {
    values: [
      { k: 'a', v: 1, s: 'x' },
      { k: 'b', v: 2, s: 'y' },
    ],
  },
  layer: [
    {
      mark: 'bar',
      encoding: {
        x: { field: 'k', type: 'nominal' },
        y: { field: 'v', type: 'quantitative' },
        color: { field: 's', type: 'nominal' },
      },
    },
    {
      mark: 'line',
      encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
    },
    {
      mark: 'text',
      encoding: {
        x: { field: 'k', type: 'nominal' },
        y: { field: 'v', type: 'quantitative' },
        text: { field: 'v', type: 'quantitative' },
      },
    },
  ],
};

// Queued by renderSvg ahead of any request; its result is not used.
renderSvg(warmUpSpec, { idPrefix: 'warm-up' }).catch(() => undefined);
