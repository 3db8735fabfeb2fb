/**
 * A small seeded pseudo-random generator (mulberry32) so that reservoir sampling and the
 * bootstrap give the same numbers on every machine and every run: reports must be reproducible.
 * Not for anything security-related.
 */

/** Returns the next 32-bit unsigned integer of the sequence. */
export type Rng = () => number;

const TWO_32 = 4294967296;

/** mulberry32 seeded with the low 32 bits of `seed`. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Uniform in [0, 1). */
export function nextUnit(rng: Rng): number {
  return rng() / TWO_32;
}

/** Uniform in (0, 1): safe to take the logarithm of. */
export function nextOpenUnit(rng: Rng): number {
  return (rng() + 0.5) / TWO_32;
}

/** Uniform integer in [0, n). */
export function nextIndex(rng: Rng, n: number): number {
  return Math.floor((rng() / TWO_32) * n);
}

/** A seed for a named stream (FNV-1a of the name mixed with a base seed). */
export function deriveSeed(base: number, name: string): number {
  let h = (0x811c9dc5 ^ base) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
