import { Arena, KERNEL_RESERVE } from './arena';
import { createRng } from './prng';
import { scanKernel } from './scan-kernel';

describe('the scan kernel', () => {
  it("reads and writes the arrays of a kernel arena, past the kernel's reserve", () => {
    const mem = new Arena(1 << 20, 'kernel');
    const kernel = scanKernel(mem)!;
    const keys = mem.float64(8);
    expect(keys.byteOffset).toBeGreaterThanOrEqual(KERNEL_RESERVE);
    expect(kernel.holds(keys)).toBe(true);
    expect(kernel.holds(null)).toBe(true);
    expect(kernel.holds(new Float64Array(8))).toBe(false);
    expect(scanKernel(new Arena(1024))).toBeNull();
  });

  it('leaves the best `limit` keys, ascending, as sorting all would (2,000 draws)', () => {
    const mem = new Arena(1 << 22, 'kernel');
    const kernel = scanKernel(mem)!;
    const keys = mem.float64(20_000);
    const spare = mem.float64(20_000);
    const rnd = createRng(16);
    for (let draw = 0; draw < 2000; draw++) {
      // Short and long lists (the long ones sorted by the kernel's quicksort), keys spread
      // widely or a few values repeated, limits below, at and above the length.
      const n = draw % 10 === 0 ? 1 + Math.floor(rnd() * 5000) : Math.floor(rnd() * 400);
      const spread = draw % 3 === 0 ? 7 : 1e14;
      const want: number[] = [];
      for (let i = 0; i < n; i++) {
        keys[i] = Math.floor(rnd() * spread);
        want.push(keys[i]);
      }
      want.sort((a, b) => a - b);
      const limit = [0, 1, 48, n, n + 5, Math.floor(rnd() * (n + 1))][draw % 6];
      const kept = kernel.exports.best(keys.byteOffset, n, Math.min(n, limit), spare.byteOffset);
      expect(kept).toBe(Math.min(n, limit));
      expect(Array.from(keys.subarray(0, kept))).toEqual(want.slice(0, kept));
    }
  });
});
