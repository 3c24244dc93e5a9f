import { readFileSync } from 'fs';
import { join } from 'path';
import type { MatchOptions, MatchResult, Slot, Student } from '../types';

export interface Scenario {
  description: string;
  options: MatchOptions;
  students: Student[];
  slots: Slot[];
  expected: { assignments: Record<string, string>; unmatched: Record<string, string> };
}

export function loadScenario(name: string): Scenario {
  return JSON.parse(
    readFileSync(join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8'),
  ) as Scenario;
}

/** The result reduced to what fixtures state: who went where, and why the rest did not. */
export function summarise(result: MatchResult): Scenario['expected'] {
  const assignments: Record<string, string> = {};
  for (const a of result.assignments) assignments[a.studentId] = a.slotId;
  const unmatched: Record<string, string> = {};
  for (const u of result.unmatched) unmatched[u.studentId] = u.reason.code;
  return { assignments, unmatched };
}
