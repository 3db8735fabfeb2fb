/**
 * Markdown building blocks for report.md: GFM tables and fact lists from the neutral Table and
 * Fact shapes, every cell escaped (cells hold trace-derived text).
 */
import { escapeMarkdown } from './sanitize.js';
import type { Table } from './table.js';
import type { Fact } from './tables/run-facts.js';

/** A GFM pipe table; `none` is printed in parentheses instead when the table has no rows. */
export function formatMarkdownTable(table: Table, none: string): string[] {
  if (table.rows.length === 0) return [`_(${escapeMarkdown(none)})_`];
  const row = (cells: string[]): string => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  const rule = `|${table.align.map((a) => (a === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [row(table.header), rule, ...table.rows.map(row)];
}

/** Label/value facts as a two-column table (reads better than a list when values are long). */
export function formatMarkdownFacts(facts: Fact[]): string[] {
  return formatMarkdownTable(
    { header: ['', ''], align: ['left', 'left'], rows: facts.map(([k, v]) => [k, v]) },
    'nothing',
  );
}
