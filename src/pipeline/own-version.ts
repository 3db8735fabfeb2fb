/** econ-trace's own version, from its package.json, for manifests and report metadata. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function readOwnVersion(): string {
  if (cached === undefined) {
    const url = new URL('../../package.json', import.meta.url);
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
    cached = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  }
  return cached;
}
