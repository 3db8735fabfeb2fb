/**
 * report.html from the ReportModel and the rendered chart SVGs: one self-contained file with an
 * inline stylesheet, the SVGs inline, the headlines at the top, per-run tables, comparisons and
 * ingest issues. No scripts and no external URL of any kind (fonts, images, styles): the file
 * opens offline. Every trace-derived string is escaped; synthetic runs carry a badge.
 */
import type { ChartRef, Comparison, ReportModel, RunReport } from '../model/report.js';
import { listCiMethods, listHeadlines } from './headlines.js';
import { formatHtmlFacts, formatHtmlRunName, formatHtmlTable } from './html-blocks.js';
import { HTML_STYLE } from './html-style.js';
import { findRun } from './run-names.js';
import { describeStageSource } from './describe-stage-source.js';
import { escapeHtml } from './sanitize.js';
import { buildComparisonTable, listPathDifferences } from './tables/comparison-table.js';
import {
  buildCheckpointTable,
  buildCpuTable,
  buildEconTable,
  buildFlowTable,
  buildIssueTable,
} from './tables/detail-tables.js';
import {
  buildCpuDeltaTable,
  buildCpuTimeTable,
  describeCpuSource,
  describeMissingCpu,
  NO_CPU_SAMPLES,
} from './tables/cpu-time-tables.js';
import { buildEndToEndTable, buildStageTable } from './tables/latency-tables.js';
import { listRunFacts } from './tables/run-facts.js';

export type SvgsById = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** The whole report.html; `svgs` maps chart ids (ChartRef.id) to SVG documents from renderSvg. */
export function renderHtml(model: ReportModel, svgs: SvgsById): string {
  const lookup = (id: string): string | undefined =>
    svgs instanceof Map ? svgs.get(id) : (svgs as Readonly<Record<string, string>>)[id];
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network, even if some future string slipped through: the page may load nothing.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<title>econ-trace report</title>',
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    '<h1>econ-trace report</h1>',
    `<p class="meta">econ-trace ${escapeHtml(model.generator.version)}, report schema ` +
      `${model.schemaVersion}, ${model.runs.length} run(s), ${model.comparisons.length} comparison(s)</p>`,
    '<ul class="headlines">',
    ...listHeadlines(model).map((h) => `<li>${escapeHtml(h)}</li>`),
    '</ul>',
    ...listSyntheticNotes(model),
    '<h2>Charts</h2>',
    ...model.charts.map((c) => renderFigure(c, lookup(c.id))),
    ...model.runs.map((run, i) => renderRun(run, i + 1)),
    ...model.comparisons.map((cmp, i) => renderComparison(model, cmp, i + 1)),
    '<h2>Method</h2>',
    '<ul>',
    `<li>percentiles: ${escapeHtml(model.percentileMethod)}</li>`,
    ...listCiMethods(model).map((m) => `<li>intervals: ${escapeHtml(m)}</li>`),
    '</ul>',
    '</body>',
    '</html>',
  ];
  return `${parts.join('\n')}\n`;
}

function listSyntheticNotes(model: ReportModel): string[] {
  return model.runs
    .filter((r) => r.synthetic.value)
    .map(
      (r) =>
        `<p class="note">${formatHtmlRunName(r)} is synthetic: ` +
        `${escapeHtml(r.synthetic.description || 'no description given')}</p>`,
    );
}

function renderFigure(chart: ChartRef, svg: string | undefined): string {
  // The SVG comes from renderSvg (vega escapes the text it draws); it is inlined as is.
  const body = svg ?? `<p class="meta">(chart ${escapeHtml(chart.id)} was not rendered)</p>`;
  return (
    `<figure id="chart-${escapeHtml(chart.id)}">\n${body}\n` +
    `<figcaption>${escapeHtml(chart.title)} (${escapeHtml(chart.id)}.svg)</figcaption>\n</figure>`
  );
}

function renderRun(run: RunReport, n: number): string {
  const issues = run.ingest.issues.flatMap((issue) =>
    issue.examples.map(
      (e) =>
        `<li>${escapeHtml(issue.reason)} at <code>${escapeHtml(`${e.file}:${e.line}`)}</code>: ` +
        `<span class="example">${escapeHtml(e.text)}</span></li>`,
    ),
  );
  return [
    `<section id="run-${n}">`,
    `<h2>Run ${n}: ${formatHtmlRunName(run)}</h2>`,
    formatHtmlFacts(listRunFacts(run)),
    '<h3>Stages</h3>',
    formatHtmlTable(buildStageTable(run, 'full'), 'no stages measured'),
    formatStageSource(run),
    '<h3>End-to-end</h3>',
    formatHtmlTable(buildEndToEndTable(run), 'no packet reached both ends'),
    '<h3>Checkpoints</h3>',
    formatHtmlTable(buildCheckpointTable(run), 'no checkpoint reached'),
    '<h3>Flows</h3>',
    formatHtmlTable(buildFlowTable(run), 'no flow identified'),
    '<h3>CPU time per packet</h3>',
    renderCpuTime(run),
    '<h3>CPUs</h3>',
    formatHtmlTable(buildCpuTable(run), 'no CPU recorded'),
    '<h3>ECON</h3>',
    run.econ
      ? formatHtmlTable(buildEconTable(run.econ), 'no counters')
      : '<p class="meta">(no ECON events in this run)</p>',
    '<h3>Ingest issues</h3>',
    formatHtmlTable(buildIssueTable(run), 'no skipped or flagged records'),
    issues.length > 0 ? `<ul>\n${issues.join('\n')}\n</ul>` : '',
    '</section>',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

function renderComparison(model: ReportModel, cmp: Comparison, n: number): string {
  const side = (name: string): string => {
    const run = findRun(model, name);
    return run ? formatHtmlRunName(run) : escapeHtml(name);
  };
  const diffs = listPathDifferences(cmp)
    .map(([k, v]) => `<li>${escapeHtml(k)}: ${escapeHtml(v)}</li>`)
    .join('\n');
  return [
    `<section id="comparison-${n}">`,
    `<h2>Comparison ${n}: ${side(cmp.candidate)} vs ${side(cmp.baseline)}</h2>`,
    `<p><strong>${escapeHtml(cmp.headline)}</strong></p>`,
    `<ul>\n${diffs}\n</ul>`,
    formatHtmlTable(buildComparisonTable(cmp), 'no common stages'),
    '<h3>CPU time per packet</h3>',
    cmp.cpu
      ? formatHtmlTable(buildCpuDeltaTable(cmp.cpu), 'no CPU time in either run')
      : `<p class="meta">(${escapeHtml(describeMissingCpu(model, [cmp.baseline, cmp.candidate]))})</p>`,
    '</section>',
  ].join('\n');
}

function renderCpuTime(run: RunReport): string {
  if (!run.cpu) return `<p class="meta">(${escapeHtml(NO_CPU_SAMPLES)})</p>`;
  return [
    `<p class="meta">${escapeHtml(describeCpuSource(run.cpu))}</p>`,
    formatHtmlTable(buildCpuTimeTable(run.cpu), 'no samples'),
  ].join('\n');
}

/** The stage table's source line (describe-stage-source.ts), or nothing. */
function formatStageSource(run: RunReport): string {
  const line = describeStageSource(run);
  return line === null ? '' : `<p class="meta">${escapeHtml(line)}</p>`;
}
