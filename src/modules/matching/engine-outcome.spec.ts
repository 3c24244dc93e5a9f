import { match, MatchOptions, matchPacked, packInput, Slot, Student } from '../../matching-engine';
import { randomInstance, RandomShape } from '../../matching-engine/testing/random-instance';
import {
  CHUNK_BYTES,
  outcomeOf,
  outcomeTransferables,
  reasonCode,
  TextChunks,
  TextColumn,
  textAt,
  TextWriter,
} from './engine-outcome';
import { PageToucher } from './page-toucher';

describe('engine outcome (the result as the writer reads it)', () => {
  it('carries every assignment and unmatched reason of the result, shared reasons too, moved between realms (300 instances)', () => {
    let rows = 0;
    let shared = 0;
    let wide = 0;
    let split = 0;
    let reused = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { students, slots } = roundInstance(seed, {
        students: 2 + (seed % 14),
        slots: 1 + (seed % 6),
      });
      // Every third instance with unit codes beyond ASCII: a row's text then takes more bytes
      // than characters, and every row after it must still start where it does.
      if (seed % 3 === 0) {
        const wider = (code: string) => `${code}·Ü`;
        for (const s of students) {
          s.units = Object.fromEntries(Object.entries(s.units).map(([u, l]) => [wider(u), l]));
        }
        for (const j of slots)
          j.requirements = j.requirements.map((r) => ({ ...r, unit: wider(r.unit) }));
      }
      const options: MatchOptions = { mode: seed % 2 ? 'stable' : 'optimal', seed };
      // The objects `match` makes, and the rows the round's thread reads one at a time.
      const result = match(students, slots, options);
      // Every other instance with its texts in chunks of at most 300 bytes, as a round's are
      // past CHUNK_BYTES.
      const matched = matchPacked(packInput(students, slots), options);
      // Rows with one shared number have one frozen reason; a reason of a row's own is its own.
      const sharedBy = new Map<number, object>();
      for (let i = 0; i < matched.unmatchedCount; i++) {
        const k = matched.sharedReason(i);
        const { reason } = matched.unmatched(i);
        if (k < 0) continue;
        expect(k).toBeLessThan(matched.sharedReasonCount);
        expect(Object.isFrozen(reason)).toBe(true);
        if (sharedBy.has(k)) expect(sharedBy.get(k)).toBe(reason);
        else sharedBy.set(k, reason);
      }
      expect(new Set(sharedBy.values()).size).toBe(sharedBy.size);
      // Every tenth with the texts' pages touched on a thread of their own.
      const made = outcomeOf(matched, seed % 2 ? 300 : undefined, seed % 10 ? undefined : 0);
      // The texts may have gone into the lists' memory (the match's spare): the rows never read
      // it again, so every row made after it was written over is still what match gives.
      expect(matched.takeSpare()).toEqual([]);
      expect(matched.toResult()).toEqual(result);
      const outcome = structuredClone(made, { transfer: outcomeTransferables(made) });
      expect(made.proposals.student.byteLength).toBe(0);
      expect(outcome.stats).toEqual(result.stats);
      for (const column of [outcome.proposals.explanation, outcome.unmatched.reason]) {
        if (column.chunks.length > 1) split++;
        expect(rowsStartWithin(column, seed % 2 ? 300 : CHUNK_BYTES)).toBe(true);
      }
      expect(outcome.proposals.student.length).toBe(result.assignments.length);
      result.assignments.forEach((a, i) => {
        expect(outcome.proposals.student[i]).toBe(Number(a.studentId));
        expect(outcome.proposals.slot[i]).toBe(Number(a.slotId));
        expect(outcome.proposals.score[i]).toBe(a.score);
        expect(outcome.proposals.rank[i]).toBe(a.rank ?? NaN);
        expect(textAt(outcome.proposals.explanation, i)).toBe(JSON.stringify(a.explanation));
        if (textAt(outcome.proposals.explanation, i).includes('Ü')) wide++;
        rows++;
      });
      expect(outcome.unmatched.student.length).toBe(result.unmatched.length);
      // Where a shared reason's text was written in a row's chunk, the row reads those bytes.
      const writtenAt = new Map<object, number>();
      result.unmatched.forEach((u, i) => {
        const { start } = outcome.unmatched.reason;
        const k = chunkOf(outcome.unmatched.reason, i);
        const earlier = writtenAt.get(u.reason);
        if (earlier !== undefined && chunkOf(outcome.unmatched.reason, earlier) === k) {
          expect(start[i]).toBe(start[earlier]);
          reused++;
        } else if (Object.isFrozen(u.reason)) {
          writtenAt.set(u.reason, i);
        }
        const named =
          u.reason.code === 'outranked' ? u.reason.slotId : (u.reason.closestSlotId ?? NaN);
        expect(outcome.unmatched.student[i]).toBe(Number(u.studentId));
        expect(reasonCode(outcome, i)).toBe(u.reason.code);
        expect(outcome.unmatched.slot[i]).toBe(Number(named));
        expect(textAt(outcome.unmatched.reason, i)).toBe(JSON.stringify(u.reason));
        if (textAt(outcome.unmatched.reason, i).includes('Ü')) wide++;
        // The engine shares a no_eligible_slot reason between students (frozen): its text is
        // made once, and must still be every row's own.
        if (Object.isFrozen(u.reason)) shared++;
        rows++;
      });
    }
    expect(rows).toBeGreaterThan(1000);
    expect(shared).toBeGreaterThan(100);
    expect(wide).toBeGreaterThan(150);
    expect(split).toBeGreaterThan(50);
    expect(reused).toBeGreaterThan(50);
  });

  it("writes its texts into the match's spare memory first, which the rows never read again (3,000 students)", () => {
    const { students, slots } = roundInstance(7, { students: 3000, slots: 400, units: 6 });
    const options: MatchOptions = { mode: 'stable', seed: 7 };
    const result = match(students, slots, options);
    const matched = matchPacked(packInput(students, slots), options);
    // In 4 KB chunks, so that the spare (the lists' first entries, ~0.5 MB here) takes many.
    const outcome = outcomeOf(matched, 4096);
    const chunks = [...outcome.proposals.explanation.chunks, ...outcome.unmatched.reason.chunks];
    // A chunk of the spare lies inside the match's arena; a fresh one starts a buffer of its own.
    const inSpare = chunks.filter((chunk) => chunk.byteOffset > 0).length;
    expect(inSpare).toBeGreaterThan(20);
    expect(inSpare).toBe(chunks.length);
    result.assignments.forEach((a, i) => {
      expect(textAt(outcome.proposals.explanation, i)).toBe(JSON.stringify(a.explanation));
    });
    result.unmatched.forEach((u, i) => {
      expect(textAt(outcome.unmatched.reason, i)).toBe(JSON.stringify(u.reason));
    });
    expect(matched.toResult()).toEqual(result);
    // Given once: a second writer would write over the first one's texts.
    expect(matched.takeSpare()).toEqual([]);
  });
});

describe('TextWriter with a PageToucher', () => {
  it('keeps every byte written while the toucher commits the same chunks (300,000 rows, 1 MB chunks)', () => {
    const toucher = new PageToucher();
    const rows = 300_000;
    const writer = new TextWriter(rows, new TextChunks(1 << 20, toucher));
    const text = (i: number) => ({ row: i, note: 'x'.repeat(i % 97), ü: i % 3 === 0 });
    try {
      for (let i = 0; i < rows; i++) {
        writer.begin();
        writer.json(text(i));
        writer.end();
      }
    } finally {
      toucher.close();
    }
    const column = writer.finish();
    expect(column.chunks.length).toBeGreaterThan(20);
    const wrong: number[] = [];
    for (let i = 0; i < rows; i++) {
      if (textAt(column, i) !== JSON.stringify(text(i))) wrong.push(i);
    }
    expect(wrong).toEqual([]);
  });
});

describe('TextChunks between writers', () => {
  it('gives the next writer the rest of the chunk the last one finished in, with a toucher at work (two columns, 1 MB chunks)', () => {
    const toucher = new PageToucher();
    const chunks = new TextChunks(1 << 20, toucher);
    const text = (i: number) => ({ row: i, note: 'y'.repeat(i % 89) });
    const columns: TextColumn[] = [];
    try {
      for (const rows of [30_000, 20_000]) {
        const writer = new TextWriter(rows, chunks);
        for (let i = 0; i < rows; i++) {
          writer.begin();
          writer.json(text(i));
          writer.end();
        }
        columns.push(writer.finish());
      }
    } finally {
      toucher.close();
    }
    const [first, second] = columns;
    const last = first.chunks[first.chunks.length - 1];
    const next = second.chunks[0];
    expect(last.byteLength).toBeLessThan(1 << 20);
    expect(next.buffer).toBe(last.buffer);
    expect(next.byteOffset).toBe(last.byteOffset + last.byteLength);
    const wrong: number[] = [];
    columns.forEach((column, c) => {
      for (let i = 0; i < column.start.length; i++) {
        if (textAt(column, i) !== JSON.stringify(text(i))) wrong.push(c * 100_000 + i);
      }
    });
    expect(wrong).toEqual([]);
  });
});

/**
 * A random instance as a round gives the engine one: numeric ids, as the database's (students'
 * own lists naming them), and no slot's own ranking.
 */
function roundInstance(seed: number, shape: RandomShape): { students: Student[]; slots: Slot[] } {
  const { students, slots } = randomInstance(seed, shape);
  students.forEach((s, i) => (s.id = String(1000 + i)));
  slots.forEach((j, i) => (j.id = String(50 + i)));
  for (const slot of slots) slot.ranking = undefined;
  for (const s of students)
    s.preferences = s.preferences?.map((id) => String(50 + Number(id.slice(1))));
  return { students, slots };
}

/** The chunk that holds row i. */
function chunkOf(column: TextColumn, i: number): number {
  let k = column.first.length - 1;
  while (column.first[k] > i) k--;
  return k;
}

/**
 * Whether every row of `column` starts within the first `limit` bytes of its chunk (a chunk takes
 * rows until it holds `limit` bytes; the last may run past, whole) and ends within the chunk.
 */
function rowsStartWithin(column: TextColumn, limit: number): boolean {
  return column.chunks.every((chunk, k) => {
    for (let i = column.first[k]; i < (column.first[k + 1] ?? column.end.length); i++) {
      if (column.start[i] >= limit || column.end[i] > chunk.byteLength) return false;
    }
    return true;
  });
}
