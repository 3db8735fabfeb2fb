/**
 * Hover text for charts inlined in report.html without scripts: vega's SVG serialiser writes
 * each mark item's description (the vega-lite `description` channel, or a summary of its
 * encodings) as an aria-label attribute but no <title>, and browsers show only <title> children
 * on hover. This copies every graphics-symbol's aria-label into a <title> child. The label holds
 * trace-derived text (function names with `<`, `>`, `&`), so it is decoded from the attribute
 * and escaped again for element content.
 */
import { escapeHtml } from './sanitize.js';

// vega writes items without children as self-closing elements, and escapes `>` inside
// attribute values (vega-scenegraph's markup.js attrText), so `[^>]*` cannot stop inside a value.
const ITEM = /<(path|rect|circle|line|image)\b([^>]*)\/>/g;
const LABEL = / aria-label="([^"]*)"/;

const ENTITIES: Record<string, string> = {
  '&quot;': '"',
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&#x9;': '\t',
  '&#xA;': '\n',
  '&#xD;': '\r',
};

/** The attribute text vega wrote, back to the string it was given. */
function decodeAttribute(value: string): string {
  return value.replace(/&(?:quot|lt|gt|amp|#x9|#xA|#xD);/g, (e) => ENTITIES[e] ?? e);
}

/** Every mark item with an aria-label gets a <title> with the same text. */
export function addSvgTitles(svg: string): string {
  return svg.replace(ITEM, (whole, tag: string, attrs: string) => {
    if (!attrs.includes('role="graphics-symbol"')) return whole;
    const label = LABEL.exec(attrs);
    if (label === null) return whole;
    // Line breaks are kept (browsers show them in the hover box); each line is escaped.
    const text = decodeAttribute(label[1] ?? '')
      .split('\n')
      .map(escapeHtml)
      .join('\n');
    return `<${tag}${attrs}><title>${text}</title></${tag}>`;
  });
}
