/**
 * The renderer-neutral table: cells are plain, unescaped strings. Text, Markdown and HTML each
 * lay a Table out in their own way and escape the cells on the way out.
 */

export type Align = 'left' | 'right';

export interface Table {
  header: string[];
  /** One per column; numbers are right-aligned. */
  align: Align[];
  rows: string[][];
}

/** Lay a table out as aligned plain-text lines: two spaces between columns, a dashed rule. */
export function formatTextTable(table: Table, indent = ''): string[] {
  const widths = table.header.map((h, col) =>
    Math.max(h.length, ...table.rows.map((r) => (r[col] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    (
      indent +
      cells
        .map((c, col) => {
          const w = widths[col] ?? 0;
          return table.align[col] === 'right' ? c.padStart(w) : c.padEnd(w);
        })
        .join('  ')
    ).trimEnd();
  const rule = indent + widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(table.header), rule, ...table.rows.map(line)];
}
