/**
 * Escaping of trace-derived text (device names, labels, file examples, flow addresses). Every
 * string that came from a run folder is untrusted: it may hold markup, Markdown syntax, terminal
 * control sequences or bidirectional overrides. Renderers pass such strings through these.
 */

const BIDI_CONTROLS: ReadonlySet<number> = new Set([
  0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

// C0/C1 controls (terminal escape sequences, newlines inside a cell) and the Unicode bidi
// controls that can make text display in a different order than it is stored.
function isUnsafe(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || BIDI_CONTROLS.has(code);
}

/** Replace control and bidi characters with '?', for plain text (stdout). */
export function sanitizeText(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isUnsafe(text.charCodeAt(i))) continue;
    out += `${text.slice(from, i)}?`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return sanitizeText(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

// Inline Markdown syntax (CommonMark + GFM tables and strikethrough) that can act anywhere in a
// line. `(`, `)`, `!` only act after `[`, which is escaped; `>` only at the start, handled below.
const MARKDOWN_INLINE = /[\\`*[\]|~]/g;

/**
 * Escape for Markdown inline text, including table cells: `<` and `&` become entities (so a
 * device named `<script>` shows as text), inline syntax is backslash-escaped, and a leading
 * block marker ("-", "#", ">", "1.") cannot start a list, heading or quote.
 */
export function escapeMarkdown(text: string): string {
  const inline = sanitizeText(text)
    .replace(/[&<]/g, (c) => HTML_ENTITIES[c] ?? c)
    .replace(MARKDOWN_INLINE, (c) => `\\${c}`)
    .replace(/_/g, escapeUnderscore);
  return inline.replace(
    /^(\s*)(?:([-+=#>])|(\d{1,9})(?=[.)](?:\s|$)))/,
    (_m, space: string, mark = '', num = '') => (mark ? `${space}\\${mark}` : `${space}${num}\\`),
  );
}

// An underscore between two letters or digits can neither open nor close emphasis (CommonMark's
// flanking rules), so "nic_rx" stays readable; any other underscore is escaped.
function escapeUnderscore(_c: string, offset: number, whole: string): string {
  const alnum = /[A-Za-z0-9]/;
  const intraword = alnum.test(whole[offset - 1] ?? '') && alnum.test(whole[offset + 1] ?? '');
  return intraword ? '_' : '\\_';
}
