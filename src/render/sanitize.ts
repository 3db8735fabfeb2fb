/**
 * Escaping of trace-derived text (device names, labels, file examples, flow addresses). Every
 * string that came from a run folder is untrusted: it may hold markup, Markdown syntax, terminal
 * control sequences or bidirectional overrides. Renderers pass such strings through these.
 */

// C0/C1 controls (terminal escape sequences, newlines inside a cell) and the Unicode bidi
// controls that can make text display in a different order than it is stored.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Replace control and bidi characters with '?', for plain text (stdout). */
export function sanitizeText(text: string): string {
  return text.replace(UNSAFE_CHARS, '?');
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

// Inline Markdown syntax (CommonMark + GFM tables and strikethrough). Backslash escapes are valid
// for any ASCII punctuation, so over-escaping is harmless.
const MARKDOWN_INLINE = /[\\`*_{}[\]()#+!|~]/g;

/**
 * Escape for Markdown inline text, including table cells: HTML is turned into entities (so a
 * device named `<script>` shows as text), inline syntax is backslash-escaped, and a leading
 * block marker ("-", "=", "1.") cannot start a list or heading.
 */
export function escapeMarkdown(text: string): string {
  const inline = sanitizeText(text)
    .replace(/[&<>"]/g, (c) => HTML_ENTITIES[c] ?? c)
    .replace(MARKDOWN_INLINE, (c) => `\\${c}`);
  return inline.replace(/^(\s*)([-=]|\d+(?=[.)]))/, (_m, space: string, mark: string) =>
    /\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
  );
}
