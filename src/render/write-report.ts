/**
 * Writes a report folder from the ReportModel: report.md, report.html, report.json (the model
 * itself) and every chart as <id>.svg plus its vega-lite spec <id>.vl.json. Charts are rendered
 * by renderSvg in a worker thread (chart-renderer.ts) that starts loading vega as soon as this
 * module is imported, which the report command does before it analyses the runs; renderSvg
 * serialises the vega step itself so the SVG text is the same on every run. Files are listed in
 * a fixed order.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportModel } from '../model/report.js';
import { eachChartSpec, type ChartSpec } from './charts/build-chart-specs.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { prepareChartRenderer, renderChart } from './chart-renderer.js';

prepareChartRenderer();

/** Write the report into outDir (created if missing); returns the paths written. */
export async function writeReport(
  model: ReportModel,
  outDir: string,
): Promise<{ files: string[] }> {
  await mkdir(outDir, { recursive: true });
  // Each chart goes to the worker as soon as its spec is built (the CPU flame graphs' specs take
  // 10 to 20 ms each), so drawing starts while the rest are still being built.
  const charts: ChartSpec[] = [];
  const drawn: Promise<string>[] = [];
  try {
    for (const chart of eachChartSpec(model)) {
      charts.push(chart);
      drawn.push(renderChart(chart.spec, chart.id));
    }
  } catch (err) {
    // Charts already sent still settle; none of them may turn into an unhandled rejection.
    void Promise.allSettled(drawn);
    throw err;
  }
  const rendering = Promise.all(drawn);
  // What needs no chart is made while the worker renders them.
  const markdown = renderMarkdown(model);
  const json = `${JSON.stringify(model, null, 2)}\n`;
  const specs = charts.map((c) => `${JSON.stringify(c.spec, null, 2)}\n`);
  const svgs = await rendering;
  const svgById = new Map(charts.map((c, i) => [c.id, svgs[i] ?? '']));
  const contents: [name: string, text: string][] = [
    ['report.md', markdown],
    ['report.html', renderHtml(model, svgById)],
    ['report.json', json],
    ...charts.flatMap((c, i): [string, string][] => [
      [`${c.id}.svg`, svgById.get(c.id) ?? ''],
      [`${c.id}.vl.json`, specs[i] ?? ''],
    ]),
  ];
  const files = contents.map(([name]) => join(outDir, name));
  await Promise.all(contents.map(([name, text]) => writeFile(join(outDir, name), text, 'utf8')));
  return { files };
}
