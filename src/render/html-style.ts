/**
 * The inline stylesheet of report.html. System font stacks only: the report must open offline
 * and fetch nothing.
 */
export const HTML_STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f;
  margin: 0 auto; max-width: 1100px; padding: 16px 24px 48px; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
.meta { color: #555; }
.headlines { background: #f3f7fb; border-left: 4px solid #3b82c4; padding: 8px 16px; }
.headlines li { font-size: 16px; margin: 4px 0; }
.synthetic { display: inline-block; background: #fff3cd; color: #7a5200; border: 1px solid #e0b84c;
  border-radius: 3px; padding: 0 4px; font-size: 11px; font-weight: 600; vertical-align: middle; }
.note { background: #fff8e1; border-left: 4px solid #e0b84c; padding: 6px 12px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 3px 8px; vertical-align: top; }
th { background: #f6f6f6; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.facts th { width: 140px; }
figure { margin: 16px 0; overflow-x: auto; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 12px; }
code, .example { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.example { white-space: pre-wrap; word-break: break-all; }
`;
