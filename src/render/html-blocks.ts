/**
 * HTML building blocks for report.html: tables, fact lists and run names, every trace-derived
 * string escaped with escapeHtml.
 */
import type { RunReport } from '../model/report.js';
import { escapeHtml } from './sanitize.js';
import type { Table } from './table.js';
import type { Fact } from './tables/run-facts.js';

/** An HTML table; `none` is shown instead when there are no rows. */
export function formatHtmlTable(table: Table, none: string): string {
  if (table.rows.length === 0) return `<p class="meta">(${escapeHtml(none)})</p>`;
  const cls = (col: number): string => (table.align[col] === 'right' ? ' class="num"' : '');
  const head = table.header.map((h, col) => `<th${cls(col)}>${escapeHtml(h)}</th>`).join('');
  const rows = table.rows
    .map((r) => `<tr>${r.map((c, col) => `<td${cls(col)}>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

/** Label/value facts as a two-column table with the labels as row headers. */
export function formatHtmlFacts(facts: Fact[]): string {
  const rows = facts
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('\n');
  return `<table class="facts">\n${rows}\n</table>`;
}

/** A run's label with the synthetic badge (its description as a tooltip) when synthetic. */
export function formatHtmlRunName(run: RunReport): string {
  if (!run.synthetic.value) return escapeHtml(run.label);
  const how = escapeHtml(run.synthetic.description || 'synthetic data');
  return `${escapeHtml(run.label)} <span class="synthetic" title="${how}">SYNTHETIC</span>`;
}
