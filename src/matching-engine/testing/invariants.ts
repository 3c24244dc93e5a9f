import { scoreResolved, resolveOptions } from '../score';
import type { MatchOptions, MatchResult, Slot, Student } from '../types';

/** The rules both modes keep, checked from the raw input; returns the first violation found. */
export function violations(
  students: Student[],
  slots: Slot[],
  result: MatchResult,
  options: MatchOptions,
): string[] {
  const o = resolveOptions(options);
  const out: string[] = [];
  const st = new Map(students.map((x) => [x.id, x]));
  const sl = new Map(slots.map((x) => [x.id, x]));
  const load = new Map<string, number>();
  const seen = new Set<string>();
  for (const a of result.assignments) {
    const s = st.get(a.studentId);
    const j = sl.get(a.slotId);
    if (!s || !j) {
      out.push(`unknown pair ${a.studentId}-${a.slotId}`);
      continue;
    }
    if (seen.has(s.id)) out.push(`${s.id} placed twice`);
    seen.add(s.id);
    const micro = scoreResolved(s, j, o);
    if (micro <= 0) out.push(`${s.id} not eligible for ${j.id}`);
    if (a.score !== micro / 1e6) out.push(`${s.id}-${j.id} score ${a.score} != ${micro / 1e6}`);
    if (s.preferences && !s.preferences.includes(j.id))
      out.push(`${s.id} given ${j.id} outside their list`);
    load.set(j.id, (load.get(j.id) ?? 0) + 1);
  }
  for (const j of slots)
    if ((load.get(j.id) ?? 0) > Math.max(0, j.capacity)) out.push(`${j.id} over capacity`);
  for (const u of result.unmatched)
    if (seen.has(u.studentId)) out.push(`${u.studentId} both placed and unmatched`);
  if (result.assignments.length + result.unmatched.length !== students.length)
    out.push('students lost or duplicated');
  return out;
}

export function totalMicro(result: MatchResult): number {
  return result.assignments.reduce((t, a) => t + Math.round(a.score * 1e6), 0);
}
