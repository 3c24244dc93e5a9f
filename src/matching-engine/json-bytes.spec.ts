import { JsonBytes, matchPacked, packInput } from '.';
import { createRng } from './prng';
import { SCORE_SCALE } from './score';
import { randomInstance } from './testing/random-instance';

/** A JsonBytes into one buffer that doubles when full: what was written, as a string. */
class Text extends JsonBytes {
  protected room(n: number): void {
    const bigger = new Uint8Array(2 * (this.at + n) + 16);
    bigger.set(this.buf.subarray(0, this.at));
    this.buf = bigger;
  }

  take(): string {
    const text = Buffer.from(this.buf.subarray(0, this.at)).toString('utf8');
    this.at = 0;
    return text;
  }
}

// Ids and unit codes a school or company could type: quotes, backslashes, control characters,
// letters beyond ASCII, a character outside the BMP and a lone surrogate.
const ODD = ['"', '\\', '\n', '\u0001', 'é', 'Ü', '😀', '\ud800', ' ', '/', '<'];

describe('JSON written as bytes (the round writer texts)', () => {
  it('writes every score in millionths as JSON.stringify writes it (0 to 3 in full, and beyond)', () => {
    const out = new Text();
    const wrong: number[] = [];
    const check = (m: number) => {
      out.micro(m);
      if (out.take() !== JSON.stringify(m / SCORE_SCALE)) wrong.push(m);
    };
    for (let m = -1000; m <= 3 * SCORE_SCALE; m++) check(m);
    const rnd = createRng(7);
    for (let k = 0; k < 100000; k++) check(Math.floor((rnd() - 0.3) * 10 ** (1 + (k % 17))));
    for (const x of [-0, 1e15, -1e15, 2 ** 53, NaN, Infinity, 0.5]) check(x);
    expect(wrong).toEqual([]);
    const edges = [2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32 + 5];
    for (const x of [
      0,
      -0,
      7,
      -12,
      1e9,
      ...edges,
      2 ** 53 - 1,
      2 ** 53,
      1.25,
      NaN,
      -Infinity,
      1e21,
    ]) {
      out.number(x);
      expect(out.take()).toBe(JSON.stringify(x));
    }
  });

  it('writes each explanation and reason of a result as JSON.stringify writes its objects (400 instances, odd ids, fractional levels)', () => {
    let explanations = 0;
    let reasons = 0;
    let odd = 0;
    // outranked, and each form of no_eligible_slot: no closest slot, every unit met, a unit unmet
    const kinds = new Set<string>();
    const out = new Text();
    for (let seed = 1; seed <= 400; seed++) {
      const { students, slots } = randomInstance(seed, {
        students: 2 + (seed % 17),
        slots: 1 + (seed % 7),
        units: 2 + (seed % 5),
      });
      const rnd = createRng(seed);
      const oddly = (id: string) =>
        rnd() < 0.5 ? `${id}${ODD[Math.floor(rnd() * ODD.length)]}x` : id;
      const codes = new Map<string, string>();
      const code = (unit: string) => {
        if (!codes.has(unit)) codes.set(unit, oddly(unit));
        return codes.get(unit)!;
      };
      const ids = new Map(slots.map((j) => [j.id, oddly(j.id)]));
      for (const j of slots) {
        j.id = ids.get(j.id)!;
        j.requirements = j.requirements.map((r) => ({
          ...r,
          unit: code(r.unit),
          // every fifth instance with minimums that are not whole
          minLevel: seed % 5 === 0 ? r.minLevel - 0.5 : r.minLevel,
        }));
      }
      for (const s of students) {
        s.preferences = s.preferences?.map((id) => ids.get(id)!);
        s.units = Object.fromEntries(
          Object.entries(s.units).map(([u, l]) => [code(u), seed % 7 === 0 ? l + 0.25 : l]),
        );
      }
      for (const j of slots) j.ranking = undefined;
      const rows = matchPacked(packInput(students, slots), {
        mode: seed % 3 ? 'stable' : 'optimal',
        seed,
        weights: seed % 4 === 0 ? { competency: 0.3, region: 0.7 } : undefined,
      });
      for (let i = 0; i < rows.assignmentCount; i++) {
        rows.writeExplanation(i, out);
        const text = out.take();
        expect(text).toBe(JSON.stringify(rows.assignment(i).explanation));
        if (ODD.some((c) => text.includes(JSON.stringify(c).slice(1, -1)))) odd++;
        explanations++;
      }
      for (let i = 0; i < rows.unmatchedCount; i++) {
        rows.writeReason(i, out);
        const text = out.take();
        expect(text).toBe(JSON.stringify(rows.unmatched(i).reason));
        if (ODD.some((c) => text.includes(JSON.stringify(c).slice(1, -1)))) odd++;
        const { reason } = rows.unmatched(i);
        kinds.add(reason.code === 'outranked' ? 'outranked' : Object.keys(reason).join());
        reasons++;
      }
    }
    expect(explanations).toBeGreaterThan(1000);
    expect(reasons).toBeGreaterThan(1000);
    expect(kinds.size).toBe(4);
    expect(odd).toBeGreaterThan(300);
  });
});
