import { Arena } from './arena';
import { firstDuplicate, hashOrder } from './id-hash';
import { hashString } from './prng';

/** What hashOrder stands for: every (hash, index) packed in a double, in numeric order. */
function sortedByHash(ids: string[], seed: number): Float64Array {
  const packed = new Float64Array(ids.length);
  ids.forEach((id, s) => (packed[s] = hashString(seed, id) * 2097152 + s));
  return packed.sort();
}

describe('hashOrder (the lottery order of students)', () => {
  it.each([0, 1, 2, 7, 1000])('gives the numeric order of (hash, index) for %i students', (n) => {
    const ids = Array.from({ length: n }, (_, s) => `S${(s * 7919) % 100003}`);
    const order = hashOrder(ids, 3, new Arena(n * 8 + 64))!;
    expect(Array.from(order)).toEqual(Array.from(sortedByHash(ids, 3)));
  });

  it('keeps students of one hash in index order (repeated ids hash alike)', () => {
    const ids = Array.from({ length: 300_000 }, (_, s) => String(s % 290_000));
    const order = hashOrder(ids, 11, new Arena(ids.length * 8 + 64))!;
    const expected = sortedByHash(ids, 11);
    let ties = 0;
    for (let i = 1; i < expected.length; i++) {
      if (Math.floor(expected[i] / 2097152) === Math.floor(expected[i - 1] / 2097152)) ties++;
    }
    expect(ties).toBe(10_000);
    expect(order.length).toBe(expected.length);
    let firstDifference = -1;
    for (let i = 0; i < expected.length && firstDifference < 0; i++) {
      if (order[i] !== expected[i]) firstDifference = i;
    }
    expect(firstDifference).toBe(-1);
  });

  it('is null for an id that is not a string', () => {
    const ids = ['1', 2 as unknown as string];
    expect(hashOrder(ids, 1, new Arena(64))).toBeNull();
  });
});

describe('firstDuplicate', () => {
  it('is the first index whose id an earlier one has, as a dictionary of the ids would find it', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `L${i}`);
    const firstOf = (given: string[]) =>
      firstDuplicate(given, hashOrder(given, 0, new Arena(given.length * 8 + 64))!);
    expect(firstOf(ids)).toBe(-1);
    const seen = new Set<string>();
    const twice = [...ids, 'L4000', 'L7', 'L4000'];
    expect(firstOf(twice)).toBe(twice.findIndex((id) => seen.size === seen.add(id).size));
    expect(firstOf(twice)).toBe(5000);
    expect(firstOf(['a', 'b', 'b', 'a'])).toBe(2);
    expect(firstOf([])).toBe(-1);
  });
});
