/**
 * The simulators' seeded random source (mulberry32: small, fast, good enough for fault dice and
 * generated inquiries), so a run repeats exactly when given a seed.
 */

/** Numbers in [0, 1) from `seed`. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  hex(length: number): string;
}

/** mulberry32 with the draws a generator needs; a zero seed stands for a fixed non-zero one. */
export function seededRandom(seed: number): Random {
  const next = mulberry32(seed >>> 0 || 0x9e3779b9);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    hex: (length) => {
      let out = '';
      while (out.length < length) out += Math.floor(next() * 16).toString(16);
      return out;
    },
  };
}
