/**
 * Character classes as Perl 5 applies them to byte strings, for reading `perf script` text the
 * way FlameGraph's stackcollapse-perf.pl does. Input lines are latin1 strings (one char per
 * byte, see src/read/split-lines.ts), and Perl without `use utf8` or locale treats bytes above
 * 0x7f as neither space nor word characters, so JavaScript's Unicode-aware \s and \w must not
 * be used where the two have to agree. JavaScript's `.` also refuses \r, which Perl's accepts:
 * the patterns here spell out [^\n] instead.
 */

/** Perl's \s on bytes: space, \t, \n, \v, \f, \r. */
export const PERL_SPACE = '[\\t\\n\\v\\f\\r ]';
/** Perl's \S on bytes. */
export const PERL_NON_SPACE = '[^\\t\\n\\v\\f\\r ]';

export function isPerlSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** Perl's \w on bytes: ASCII letters, digits and underscore. */
export function isPerlWord(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f
  );
}

/** Perl's `split /->/, $s`: like String.split, but trailing empty fields are dropped. */
export function splitLikePerl(s: string, separator: string): string[] {
  const parts = s.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
