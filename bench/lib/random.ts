/** A small seeded PRNG: the generated data is the same on every machine and every run. */
import { mulberry32 } from '../../simulators/support/random.ts';

export type Random = () => number;

/** mulberry32, the simulators' generator: the same numbers for the same seed. */
export const seededRandom: (seed: number) => Random = mulberry32;

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const HEX = '0123456789abcdef';

/** A UUID v4-shaped id drawn from the seeded generator (same length and spread as the product's ids). */
export function seededUuid(random: Random): string {
  let s = '';
  for (let i = 0; i < 32; i++) {
    let d = Math.floor(random() * 16);
    if (i === 12) d = 4;
    else if (i === 16) d = 8 + (d & 3);
    s += HEX[d];
    if (i === 7 || i === 11 || i === 15 || i === 19) s += '-';
  }
  return s;
}
