import { Arena } from './arena';

describe('Arena', () => {
  it('hands out zeroed, aligned, non-overlapping arrays from its block', () => {
    const mem = new Arena(1024);
    const a = mem.uint8(3);
    const b = mem.float64(4);
    const c = mem.int32(5);
    expect(b.byteOffset % 8).toBe(0);
    expect([...a, ...b, ...c].every((x) => x === 0)).toBe(true);
    a.fill(255);
    b.fill(-1);
    c.fill(7);
    expect([...a]).toEqual([255, 255, 255]);
    expect([...b]).toEqual([-1, -1, -1, -1]);
    expect([...c]).toEqual([7, 7, 7, 7, 7]);
    expect(a.buffer).toBe(b.buffer);
    expect(mem.usedBytes).toBe(8 + 32 + 20);
  });

  it('allocates on its own once the block is full, never sharing memory', () => {
    const mem = new Arena(64);
    const inside = mem.float64(8);
    const outside = mem.int32(1);
    expect(outside.buffer).not.toBe(inside.buffer);
    outside[0] = 5;
    expect([...inside].every((x) => x === 0)).toBe(true);
    expect(mem.usedBytes).toBe(64);
  });

  it('copies into the block', () => {
    const mem = new Arena(256);
    const from = Int32Array.of(3, 1, 2);
    const copy = mem.int32Copy(from);
    from[0] = 9;
    expect([...copy]).toEqual([3, 1, 2]);
  });
});
