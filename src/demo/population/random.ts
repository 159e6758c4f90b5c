import { seededRandom } from '../syntheticPeople.ts';

/** Mixes integers into one 32-bit seed (each person, employer and stream gets its own, so draws never shift). */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const lo = part >>> 0;
    const hi = Math.floor(part / 4294967296) >>> 0;
    for (const word of [lo, hi]) {
      h = Math.imul(h ^ word, 0x01000193);
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 12;
    }
  }
  return h >>> 0;
}

/** 32-bit FNV-1a of a string, and a second independent hash, for the Bloom filter. */
function hashes(value: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return [a >>> 0, (b | 1) >>> 0];
}

/**
 * Bloom filter over tax codes: a few bits per code instead of a set of millions of strings. "Maybe seen" can be
 * wrong (then the generator gives an omocode the person did not strictly need); "not seen" never is, so codes stay unique.
 */
export class BloomFilter {
  private readonly bits: Uint32Array;
  private readonly size: number;
  private readonly k: number;
  constructor(expected: number, bitsPerItem = 20, k = 10) {
    this.size = Math.max(1 << 16, Math.ceil(expected * bitsPerItem));
    this.bits = new Uint32Array(Math.ceil(this.size / 32));
    this.k = k;
  }
  private *positions(value: string): Generator<number> {
    const [a, b] = hashes(value);
    for (let i = 0; i < this.k; i++) yield ((a + Math.imul(i, b)) >>> 0) % this.size;
  }
  has(value: string): boolean {
    for (const p of this.positions(value)) if ((this.bits[p >>> 5]! & (1 << (p & 31))) === 0) return false;
    return true;
  }
  add(value: string): void {
    for (const p of this.positions(value)) this.bits[p >>> 5]! |= 1 << (p & 31);
  }
}

/** A seeded stream of draws with the helpers the generator needs. */
export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  /** Index drawn from cumulative weights (ascending, last = total). */
  weightedIndex(cumulative: readonly number[]): number {
    const x = this.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

export function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

/** A value drawn from a table of [value, weight] pairs. */
export class WeightedTable<T> {
  readonly values: readonly T[];
  private readonly cum: number[];
  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, w]) => w > 0);
    if (kept.length === 0) throw new Error('Tabella di pesi vuota');
    this.values = kept.map(([v]) => v);
    this.cum = cumulative(kept.map(([, w]) => w));
  }
  draw(rng: Rng): T {
    return this.values[rng.weightedIndex(this.cum)] as T;
  }
}
