/**
 * Normal, gamma and beta variates from the seeded generator, for the bootstrap: the k-th order
 * statistic of n uniforms is Beta(k, n - k + 1), which lets a resample's percentile be drawn
 * without drawing the resample.
 */
import { nextOpenUnit, nextUnit, type Rng } from '../analyse/prng.js';

/** Standard normal (Box-Muller, one value per two uniforms). */
export function nextNormal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(nextOpenUnit(rng))) * Math.cos(2 * Math.PI * nextUnit(rng));
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
    if (Math.log(nextOpenUnit(rng)) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b) for a, b >= 1. */
export function nextBeta(rng: Rng, a: number, b: number): number {
  const x = nextGamma(rng, a);
  return x / (x + nextGamma(rng, b));
}
