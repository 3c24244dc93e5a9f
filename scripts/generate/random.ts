import { createRng } from '../../src/matching-engine/prng';

/** Seeded draws for the generator: the same seed gives the same province, row for row. */
export class Draw {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = createRng(seed);
  }

  unit(): number {
    return this.next();
  }

  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index drawn from a table built by cumulative(). */
  index(cum: Float64Array): number {
    const x = this.next() * cum[cum.length - 1];
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Index from a small table of plain weights. */
  weighted(weights: readonly number[]): number {
    return this.index(cumulative(weights));
  }
}

export function cumulative(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => (cum[i] = total += w));
  return cum;
}

/** Zipf weights 1/(i+1)^s: a few popular items and a long tail. */
export function zipf(n: number, s: number): Float64Array {
  return cumulative(Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s)));
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The same day n months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

/**
 * An injective scramble of i < modulus: numbers that look issued, not counted. The multiplier
 * is a prime other than 2 and 5, so coprime with every 10^k and 4·10^k modulus used here.
 */
export function scramble(i: number, modulus: number, offset = 0): number {
  return Number((BigInt(i) * 2654435761n + BigInt(offset)) % BigInt(modulus));
}
