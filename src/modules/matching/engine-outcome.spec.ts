import { match, MatchOptions } from '../../matching-engine';
import { randomInstance } from '../../matching-engine/testing/random-instance';
import { outcomeOf, outcomeTransferables, reasonCode, TextColumn, textAt } from './engine-outcome';

describe('engine outcome (the result as the writer reads it)', () => {
  it('carries every assignment and unmatched reason of the result, shared reasons too, moved between realms (300 instances)', () => {
    let rows = 0;
    let shared = 0;
    let split = 0;
    for (let seed = 1; seed <= 300; seed++) {
      // Numeric ids, as the database's.
      const { students, slots } = randomInstance(seed, {
        students: 2 + (seed % 14),
        slots: 1 + (seed % 6),
      });
      students.forEach((s, i) => (s.id = String(1000 + i)));
      slots.forEach((j, i) => (j.id = String(50 + i)));
      for (const slot of slots) slot.ranking = undefined;
      for (const s of students)
        s.preferences = s.preferences?.map((id) => String(50 + Number(id.slice(1))));
      const options: MatchOptions = { mode: seed % 2 ? 'stable' : 'optimal', seed };
      const result = match(students, slots, options);
      // Every third instance with its texts split into parts of at most 300 characters, as a
      // round's are past PART_CHARS.
      const made = outcomeOf(result, seed % 3 === 0 ? 300 : undefined);
      const outcome = structuredClone(made, { transfer: outcomeTransferables(made) });
      expect(made.proposals.student.byteLength).toBe(0);
      expect(outcome.stats).toEqual(result.stats);
      for (const column of [outcome.proposals.explanation, outcome.unmatched.reason]) {
        if (seed % 3 === 0 && column.parts.length > 1) split++;
        expect(partsHold(column, seed % 3 === 0 ? 300 : 1 << 27)).toBe(true);
      }
      expect(outcome.proposals.student.length).toBe(result.assignments.length);
      result.assignments.forEach((a, i) => {
        expect(outcome.proposals.student[i]).toBe(Number(a.studentId));
        expect(outcome.proposals.slot[i]).toBe(Number(a.slotId));
        expect(outcome.proposals.score[i]).toBe(a.score);
        expect(outcome.proposals.rank[i]).toBe(a.rank ?? NaN);
        expect(textAt(outcome.proposals.explanation, i)).toBe(JSON.stringify(a.explanation));
        rows++;
      });
      expect(outcome.unmatched.student.length).toBe(result.unmatched.length);
      result.unmatched.forEach((u, i) => {
        const named =
          u.reason.code === 'outranked' ? u.reason.slotId : (u.reason.closestSlotId ?? NaN);
        expect(outcome.unmatched.student[i]).toBe(Number(u.studentId));
        expect(reasonCode(outcome, i)).toBe(u.reason.code);
        expect(outcome.unmatched.slot[i]).toBe(Number(named));
        expect(textAt(outcome.unmatched.reason, i)).toBe(JSON.stringify(u.reason));
        // The engine shares a no_eligible_slot reason between students (frozen): its text is
        // made once, and must still be every row's own.
        if (Object.isFrozen(u.reason)) shared++;
        rows++;
      });
    }
    expect(rows).toBeGreaterThan(1000);
    expect(shared).toBeGreaterThan(100);
    expect(split).toBeGreaterThan(50);
  });
});

/** Whether no part of `column` passes `limit` characters, but for a part of one row. */
function partsHold(column: TextColumn, limit: number): boolean {
  return column.parts.every((part, k) => {
    const rows = (column.first[k + 1] ?? column.end.length) - column.first[k];
    return part.length <= limit || rows === 1;
  });
}
