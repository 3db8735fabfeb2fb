/**
 * A benchmark's figures against its targets: printed as a table with PASS/MISS per target and
 * written as JSON to bench/out/<name>.json, so a missed target stays visible.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TargetRow {
  name: string;
  /** Median measured value. */
  value: number;
  unit: string;
  /** 'max': value must be at most limit; 'min': at least. */
  kind: 'max' | 'min';
  limit: number;
  /** Every repetition, in run order. */
  samples?: number[];
}

export interface TargetResult extends TargetRow {
  pass: boolean;
}

export function judge(rows: TargetRow[]): TargetResult[] {
  return rows.map((r) => ({
    ...r,
    pass: r.kind === 'max' ? r.value <= r.limit : r.value >= r.limit,
  }));
}

export function printTable(title: string, results: TargetResult[], info: [string, string][]): void {
  const lines = [`== ${title} ==`];
  for (const [k, v] of info) lines.push(`${k.padEnd(34)} ${v}`);
  lines.push('');
  const head = ['target', 'median', 'limit', 'result'];
  const body = results.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    `${r.kind === 'max' ? '<=' : '>='} ${fmt(r.limit)} ${r.unit}`,
    r.pass ? 'PASS' : 'MISS',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]?.length ?? 0)));
  const row = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  lines.push(row(head), row(widths.map((w) => '-'.repeat(w))), ...body.map(row));
  console.log(lines.join('\n'));
}

export function writeJson(root: string, name: string, data: unknown): string {
  const dir = join(root, 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}

function fmt(v: number): string {
  if (Math.abs(v) >= 1e6) return v.toExponential(3);
  if (Math.abs(v) >= 100) return v.toFixed(0);
  return v.toFixed(2);
}
