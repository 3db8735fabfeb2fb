/**
 * One callchain frame's symbol and dso, turned into the text a folded stack shows for it, by
 * the rules FlameGraph's stackcollapse-perf.pl applies with its default options
 * (https://github.com/brendangregg/FlameGraph/blob/41fee1f/stackcollapse-perf.pl): the offset
 * is stripped, `[unknown]` becomes the dso's base name, argument lists and quotes are tidied,
 * inlined functions (`a->b`, from perf script --inline) become `a;b_[i]`. Kernel (`_[k]`) and
 * JIT (`_[j]`) annotations are off by default there, and here.
 */
import { splitLikePerl } from './perl-text.js';

/** Trailing `+0x1a` offset (perf prints lowercase hex). */
const OFFSET = /\+0x[\da-f]+$/;
/** A Go method name such as `net/http.(*Client).Do` keeps its parentheses. */
const GO_METHOD = /\.\([\s\S]*\)\./;
/** From the first `(` that does not open "(anonymous namespace)" to the end: argument lists. */
const ARGUMENTS = /\((?!anonymous namespace\))[\s\S]*/;
const QUOTES = /["']/g;

/**
 * The folded text for a frame (several `;`-joined names for inlined frames), or null when the
 * frame is left out: a symbol in parentheses (perf's process names) or one that is only an
 * offset. `java` is true when the sample's process name starts with "java".
 */
export function foldFrameName(rawSymbol: string, dso: string, java: boolean): string | null {
  const symbol = rawSymbol.replace(OFFSET, '');
  if (symbol.charCodeAt(0) === 0x28) return null;
  const parts = splitLikePerl(symbol, '->');
  if (parts.length === 0) return null;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    let name = tidyName(parts[i] ?? '', dso, java);
    // The first name is the frame itself; the rest were inlined into it.
    if (i > 0 && !name.includes('_[i]')) name += '_[i]';
    out = i === 0 ? name : `${out};${name}`;
  }
  return out;
}

function tidyName(raw: string, dso: string, java: boolean): string {
  let name = raw;
  if (name === '[unknown]') {
    // A known dso says more than "unknown": its base name stands in for the symbol.
    name = dso === '[unknown]' ? '[unknown]' : `[${dso.slice(dso.lastIndexOf('/') + 1)}]`;
  }
  // A `;` would split the frame in two in the folded line.
  name = name.replaceAll(';', ':');
  if (!GO_METHOD.test(name)) name = name.replace(ARGUMENTS, '');
  name = name.replace(QUOTES, '');
  // Java's JVM signatures: `Lorg/mozilla/Foo;.call` reads `org/mozilla/Foo:.call`.
  if (java && name.charCodeAt(0) === 0x4c && name.includes('/')) name = name.slice(1);
  return name;
}
