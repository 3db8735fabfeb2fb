/**
 * The human summary econ-trace prints on stdout, from the ReportModel: headlines first, then one
 * block per run, then the comparisons. Plain text, aligned columns, no colours, fixed section
 * headings ("== Headlines ==", "== Run N: ... ==", "-- Stages --", ...) so tests and readers can
 * find sections. Trace-derived strings are stripped of control characters.
 */
import type { Comparison, ReportModel, RunReport } from '../model/report.js';
import { nameComparisonSide, nameRun } from './run-names.js';
import { sanitizeText } from './sanitize.js';
import { formatTextTable, type Table } from './table.js';
import { listRunFacts, type Fact } from './tables/run-facts.js';
import { listHeadlines, listCiMethods } from './headlines.js';
import { buildEndToEndTable, buildStageTable } from './tables/latency-tables.js';
import { describeStageSource } from './describe-stage-source.js';
import { buildComparisonTable, listPathDifferences } from './tables/comparison-table.js';
import {
  buildCpuDeltaTable,
  buildCpuTimeTable,
  describeCpuSource,
  describeMissingCpu,
  NO_CPU_SAMPLES,
} from './tables/cpu-time-tables.js';

/** The stdout summary; ends with a newline. */
export function renderText(model: ReportModel): string {
  const out: string[] = [
    `econ-trace ${model.generator.version} report: ${plural(model.runs.length, 'run')}, ` +
      `${plural(model.comparisons.length, 'comparison')}`,
    '',
    '== Headlines ==',
    ...listHeadlines(model).map((h) => `* ${sanitizeText(h)}`),
  ];
  model.runs.forEach((run, i) => out.push('', ...renderRun(run, i + 1)));
  model.comparisons.forEach((cmp, i) => out.push('', ...renderComparison(model, cmp, i + 1)));
  out.push(
    '',
    '== Method ==',
    `percentiles: ${sanitizeText(model.percentileMethod)}`,
    ...listCiMethods(model).map((m) => `intervals: ${sanitizeText(m)}`),
  );
  return `${out.join('\n')}\n`;
}

function listStageSource(run: RunReport): string[] {
  const line = describeStageSource(run);
  return line === null ? [] : [sanitizeText(line)];
}

function renderRun(run: RunReport, n: number): string[] {
  return [
    `== Run ${n}: ${sanitizeText(nameRun(run))} ==`,
    ...formatFacts(listRunFacts(run)),
    '',
    '-- Stages --',
    ...listStageSource(run),
    ...formatTableOrNone(buildStageTable(run, 'summary'), 'no stages measured'),
    '',
    '-- End-to-end --',
    ...formatTableOrNone(buildEndToEndTable(run), 'no packet reached both ends'),
    '',
    '-- CPU per packet --',
    ...(run.cpu
      ? [
          sanitizeText(describeCpuSource(run.cpu)),
          ...formatTableOrNone(buildCpuTimeTable(run.cpu), 'no samples'),
        ]
      : [NO_CPU_SAMPLES]),
  ];
}

function renderComparison(model: ReportModel, cmp: Comparison, n: number): string[] {
  const title =
    `${nameComparisonSide(model, cmp.candidate)} vs ` + nameComparisonSide(model, cmp.baseline);
  return [
    `== Comparison ${n}: ${sanitizeText(title)} ==`,
    `headline: ${sanitizeText(cmp.headline)}`,
    ...formatFacts(listPathDifferences(cmp)),
    '',
    ...formatTableOrNone(buildComparisonTable(cmp), 'no common stages'),
    '',
    '-- CPU per packet --',
    ...(cmp.cpu
      ? formatTableOrNone(buildCpuDeltaTable(cmp.cpu), 'no CPU time in either run')
      : [sanitizeText(describeMissingCpu(model, [cmp.baseline, cmp.candidate]))]),
  ];
}

function formatFacts(facts: Fact[]): string[] {
  const width = Math.max(...facts.map(([label]) => label.length));
  return facts.map(([label, value]) => `${label.padEnd(width)}  ${sanitizeText(value)}`);
}

function formatTableOrNone(table: Table, none: string): string[] {
  if (table.rows.length === 0) return [`(${none})`];
  return formatTextTable({ ...table, rows: table.rows.map((r) => r.map(sanitizeText)) });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
