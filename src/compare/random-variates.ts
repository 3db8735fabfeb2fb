/**
 * Normal, gamma and beta variates from the seeded generator, for the bootstrap: the k-th order
 * statistic of n uniforms is Beta(k, n - k + 1), which lets a resample's percentile be drawn
 * without drawing the resample. Uniforms are made here from the raw 32-bit output rather than
 * through helper calls: this is the bootstrap's inner loop.
 */
import type { Rng } from '../analyse/prng.js';

const TWO_32 = 4294967296;

/** Standard normal (Marsaglia's polar method: two uniforms in the unit disc, no trigonometry). */
export function nextNormal(rng: Rng): number {
  for (;;) {
    const x = ((rng() + 0.5) / TWO_32) * 2 - 1;
    const y = ((rng() + 0.5) / TWO_32) * 2 - 1;
    const r2 = x * x + y * y;
    if (r2 < 1) return x * Math.sqrt((-2 * Math.log(r2)) / r2);
  }
}

/** Gamma(shape, 1) for shape >= 1 (Marsaglia and Tsang 2000). */
export function nextGamma(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = nextNormal(rng);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = (rng() + 0.5) / TWO_32;
    // The cheap squeeze accepts most draws without a logarithm.
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b) for a, b >= 1. */
export function nextBeta(rng: Rng, a: number, b: number): number {
  const x = nextGamma(rng, a);
  return x / (x + nextGamma(rng, b));
}
