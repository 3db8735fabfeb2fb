/**
 * report.md from the ReportModel: the stdout content (headlines, per-run facts, stage and
 * end-to-end tables, comparisons) plus charts as image links to the .svg files written beside
 * it, checkpoint, flow, CPU and ECON tables, and ingest issues with file:line examples.
 * Every trace-derived string goes through escapeMarkdown: a device named `<script>` is text.
 */
import type { Comparison, ReportModel, RunReport } from '../model/report.js';
import { listCiMethods, listHeadlines } from './headlines.js';
import { formatMarkdownFacts, formatMarkdownTable } from './markdown-blocks.js';
import { nameComparisonSide, nameRun } from './run-names.js';
import { escapeMarkdown } from './sanitize.js';
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
import { describeStageSource } from './describe-stage-source.js';
import { listRunFacts } from './tables/run-facts.js';

/** The whole report.md; ends with a newline. */
export function renderMarkdown(model: ReportModel): string {
  const out: string[] = [
    '# econ-trace report',
    '',
    `econ-trace ${escapeMarkdown(model.generator.version)}, report schema ${model.schemaVersion}, ` +
      `${model.runs.length} run(s), ${model.comparisons.length} comparison(s).`,
    '',
    '## Headlines',
    '',
    ...listHeadlines(model).map((h) => `- ${escapeMarkdown(h)}`),
    '',
    '## Charts',
    '',
  ];
  for (const chart of model.charts) {
    // Chart ids are ours (CHART_REFS), but encode anyway: the link must stay a relative file.
    out.push(`![${escapeMarkdown(chart.title)}](${encodeURIComponent(chart.id)}.svg)`, '');
  }
  if (model.charts.length === 0) out.push('_(no charts)_', '');
  model.runs.forEach((run, i) => out.push(...renderRun(run, i + 1), ''));
  model.comparisons.forEach((cmp, i) => out.push(...renderComparison(model, cmp, i + 1), ''));
  out.push('## Method', '', `- percentiles: ${escapeMarkdown(model.percentileMethod)}`);
  for (const m of listCiMethods(model)) out.push(`- intervals: ${escapeMarkdown(m)}`);
  return `${out.join('\n')}\n`;
}

function listStageSource(run: RunReport): string[] {
  const line = describeStageSource(run);
  return line === null ? [] : [`_${escapeMarkdown(line)}_`, ''];
}

function renderRun(run: RunReport, n: number): string[] {
  const out = [`## Run ${n}: ${escapeMarkdown(nameRun(run))}`, ''];
  if (run.synthetic.value) {
    const how = run.synthetic.description || 'no description given';
    out.push(`> **Synthetic data.** ${escapeMarkdown(how)}`, '');
  }
  out.push(
    ...formatMarkdownFacts(listRunFacts(run)),
    '',
    '### Stages',
    '',
    ...listStageSource(run),
    ...formatMarkdownTable(buildStageTable(run, 'full'), 'no stages measured'),
    '',
    '### End-to-end',
    '',
    ...formatMarkdownTable(buildEndToEndTable(run), 'no packet reached both ends'),
    '',
    '### Checkpoints',
    '',
    ...formatMarkdownTable(buildCheckpointTable(run), 'no checkpoint reached'),
    '',
    '### Flows',
    '',
    ...formatMarkdownTable(buildFlowTable(run), 'no flow identified'),
    '',
    '### CPU time per packet',
    '',
    ...(run.cpu
      ? [
          escapeMarkdown(describeCpuSource(run.cpu)),
          '',
          ...formatMarkdownTable(buildCpuTimeTable(run.cpu), 'no samples'),
        ]
      : [`_(${escapeMarkdown(NO_CPU_SAMPLES)})_`]),
    '',
    '### CPUs',
    '',
    ...formatMarkdownTable(buildCpuTable(run), 'no CPU recorded'),
    '',
    '### ECON',
    '',
    ...(run.econ
      ? formatMarkdownTable(buildEconTable(run.econ), 'no counters')
      : ['_(no ECON events in this run)_']),
    '',
    '### Ingest issues',
    '',
    ...renderIssues(run),
  );
  return out;
}

function renderIssues(run: RunReport): string[] {
  const table = formatMarkdownTable(buildIssueTable(run), 'no skipped or flagged records');
  const examples = run.ingest.issues.flatMap((issue) =>
    issue.examples.map(
      (e) =>
        `- ${escapeMarkdown(issue.reason)} at ${escapeMarkdown(`${e.file}:${e.line}`)}: ` +
        escapeMarkdown(e.text),
    ),
  );
  return examples.length > 0 ? [...table, '', 'Examples:', '', ...examples] : table;
}

function renderComparison(model: ReportModel, cmp: Comparison, n: number): string[] {
  const title =
    `${nameComparisonSide(model, cmp.candidate)} vs ` + nameComparisonSide(model, cmp.baseline);
  return [
    `## Comparison ${n}: ${escapeMarkdown(title)}`,
    '',
    `**${escapeMarkdown(cmp.headline)}**`,
    '',
    ...listPathDifferences(cmp).map(([k, v]) => `- ${k}: ${escapeMarkdown(v)}`),
    '',
    ...formatMarkdownTable(buildComparisonTable(cmp), 'no common stages'),
    '',
    '### CPU time per packet',
    '',
    ...(cmp.cpu
      ? formatMarkdownTable(buildCpuDeltaTable(cmp.cpu), 'no CPU time in either run')
      : [`_(${escapeMarkdown(describeMissingCpu(model, [cmp.baseline, cmp.candidate]))})_`]),
  ];
}
