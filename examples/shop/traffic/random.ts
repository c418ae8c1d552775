/** A small seeded PRNG (mulberry32): the demo's traffic is reproducible for a given seed. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) {
      throw new Error('pick() needs a non-empty list');
    }
    return item;
  }

  /** Picks by weight: `{ chrome: 6, safari: 3 }`. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1]?.[0] as K;
  }

  /** Exponential delay with the given mean, for arrivals and think times. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** An id like "u-3f9a1c2b" (no real user data in the demo). */
  id(prefix: string): string {
    return `${prefix}-${Math.floor(this.next() * 0xffffffff)
      .toString(16)
      .padStart(8, '0')}`;
  }
}
