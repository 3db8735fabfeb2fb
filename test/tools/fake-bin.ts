/** Path of a fake executable in test/fake-bin/ (tiny sh scripts standing in for real tools). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FAKE_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'fake-bin');

export function fakeBin(name: string): string {
  return join(FAKE_BIN, name);
}
