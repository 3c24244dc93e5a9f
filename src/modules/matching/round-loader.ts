import type { EntityManager } from 'typeorm';
import type {
  MatchOptions,
  Slot as EngineSlot,
  Student as EngineStudent,
} from '../../matching-engine';
import { ageOn, todayUtc } from '../../common/database/dates';
import { LOAD_BATCH } from './matching.constants';
import {
  SlotRow,
  StudentRow,
  toEngineSlot,
  toEngineStudent,
  withoutDeclinedSlots,
} from './matching.mapper';
import type { RunScope } from './matching-run.entity';

export interface LoadedRound {
  students: EngineStudent[];
  slots: EngineSlot[];
  /** Facts the writer needs per student and slot, by id. */
  studentInfo: Map<number, { schoolId: number; regionCode: string }>;
  slotCompany: Map<number, number>;
  /** In scope but left out of the engine: too young for any apprenticeship today. */
  tooYoung: StudentRow[];
}

/**
 * Reads a round's scope from MySQL in batches (keyset on id, so memory stays flat per query)
 * and maps it to the engine's input through matching.mapper.
 */
export async function loadRound(
  manager: EntityManager,
  scope: RunScope,
  options: MatchOptions,
  today = todayUtc(),
): Promise<LoadedRound> {
  const studentRows: (StudentRow & { birthDate: string; parentalConsent: number })[] = [];
  for (let lastId = 0; ;) {
    const batch = await manager.query<
      (StudentRow & { birthDate: string; parentalConsent: number })[]
    >(
      `SELECT s.id, s.school_id AS schoolId, s.program_code AS programCode,
              s.domicile_region_code AS regionCode, s.birth_date AS birthDate, s.parental_consent AS parentalConsent
         FROM students s
        WHERE s.id > ? ${studentFilters(scope)}
        ORDER BY s.id LIMIT ?`,
      [lastId, ...studentFilterParams(scope), LOAD_BATCH],
    );
    studentRows.push(...batch);
    if (batch.length < LOAD_BATCH) {
      break;
    }
    lastId = batch[batch.length - 1].id;
  }

  // Permenaker 6/2020: 17 at least, and 18 without a parent's consent (slots start later, never earlier).
  const eligible: StudentRow[] = [];
  const tooYoung: StudentRow[] = [];
  for (const row of studentRows) {
    const age = ageOn(row.birthDate, today);
    (age >= 18 || (age >= 17 && Number(row.parentalConsent) === 1) ? eligible : tooYoung).push(row);
  }

  const ids = eligible.map((s) => s.id);
  const units = new Map<number, Record<string, number>>();
  const preferences = new Map<number, number[]>();
  const declined = new Map<string, Set<string>>();
  for (let i = 0; i < ids.length; i += LOAD_BATCH) {
    const chunk = ids.slice(i, i + LOAD_BATCH);
    const held = await manager.query<{ studentId: number; unit: string; level: number }[]>(
      'SELECT student_id AS studentId, unit_code AS unit, level FROM student_competencies WHERE student_id IN (?) ORDER BY student_id, unit_code',
      [chunk],
    );
    for (const h of held) {
      const record = units.get(h.studentId) ?? {};
      record[h.unit] = Number(h.level);
      units.set(h.studentId, record);
    }
    const ranked = await manager.query<{ studentId: number; slotId: number }[]>(
      'SELECT student_id AS studentId, slot_id AS slotId FROM student_preferences WHERE student_id IN (?) ORDER BY student_id, `rank`',
      [chunk],
    );
    for (const r of ranked) {
      const list = preferences.get(r.studentId) ?? [];
      list.push(r.slotId);
      preferences.set(r.studentId, list);
    }
    const refused = await manager.query<{ studentId: number; slotId: number }[]>(
      "SELECT student_id AS studentId, slot_id AS slotId FROM placements WHERE student_id IN (?) AND status = 'declined'",
      [chunk],
    );
    for (const r of refused) {
      const set = declined.get(String(r.studentId)) ?? new Set<string>();
      set.add(String(r.slotId));
      declined.set(String(r.studentId), set);
    }
  }

  const slotRows = await manager.query<SlotRow[]>(
    `SELECT s.id, s.company_id AS companyId, s.region_code AS regionCode,
            s.capacity - s.filled - (SELECT COUNT(*) FROM placements p
                                      WHERE p.slot_id = s.id AND p.status = 'offered'
                                        AND (p.offer_deadline IS NULL OR p.offer_deadline > NOW(3))) AS remaining
       FROM slots s
      WHERE s.status = 'open' ${scope.regionCodes.length > 0 ? 'AND LEFT(s.region_code, 2) IN (?)' : ''}
      ORDER BY s.id`,
    scope.regionCodes.length > 0 ? [[...new Set(scope.regionCodes.map((c) => c.slice(0, 2)))]] : [],
  );
  const open = slotRows.filter((s) => Number(s.remaining) > 0);
  const slotIds = open.map((s) => s.id);
  const requirements = new Map<number, { unit: string; minLevel: number; weight: number }[]>();
  const programs = new Map<number, string[]>();
  const rankings = new Map<number, number[]>();
  for (let i = 0; i < slotIds.length; i += LOAD_BATCH) {
    const chunk = slotIds.slice(i, i + LOAD_BATCH);
    for (const r of await manager.query<
      { slotId: number; unit: string; minLevel: number; weight: string }[]
    >(
      'SELECT slot_id AS slotId, unit_code AS unit, min_level AS minLevel, weight FROM slot_requirements WHERE slot_id IN (?) ORDER BY slot_id, unit_code',
      [chunk],
    )) {
      push(requirements, r.slotId, {
        unit: r.unit,
        minLevel: Number(r.minLevel),
        weight: Number(r.weight),
      });
    }
    for (const p of await manager.query<{ slotId: number; programCode: string }[]>(
      'SELECT slot_id AS slotId, program_code AS programCode FROM slot_programs WHERE slot_id IN (?) ORDER BY slot_id, program_code',
      [chunk],
    )) {
      push(programs, p.slotId, p.programCode);
    }
    for (const r of await manager.query<{ slotId: number; studentId: number }[]>(
      'SELECT slot_id AS slotId, student_id AS studentId FROM slot_rankings WHERE slot_id IN (?) ORDER BY slot_id, `rank`',
      [chunk],
    )) {
      push(rankings, r.slotId, r.studentId);
    }
  }

  const engineSlots = open.map((s) =>
    toEngineSlot(
      { ...s, remaining: Number(s.remaining) },
      requirements.get(s.id) ?? [],
      programs.get(s.id) ?? [],
      rankings.get(s.id),
    ),
  );
  const engineStudents = eligible.map((s) =>
    toEngineStudent(s, units.get(s.id) ?? {}, preferences.get(s.id)),
  );
  return {
    students: withoutDeclinedSlots(engineStudents, engineSlots, declined, options),
    slots: engineSlots,
    studentInfo: new Map(
      eligible.map((s) => [s.id, { schoolId: s.schoolId, regionCode: s.regionCode }]),
    ),
    slotCompany: new Map(open.map((s) => [s.id, s.companyId])),
    tooYoung,
  };
}

function studentFilters(scope: RunScope): string {
  const parts = [
    scope.cohortId === null ? "AND s.status = 'graduated'" : "AND s.status <> 'withdrawn'",
  ];
  if (scope.regionCodes.length > 0) {
    parts.push('AND s.domicile_region_code IN (?)');
  }
  if (scope.graduationYear !== null) {
    parts.push('AND s.graduation_year = ?');
  }
  if (scope.cohortId !== null) {
    parts.push(
      'AND EXISTS (SELECT 1 FROM enrolments e WHERE e.student_id = s.id AND e.cohort_id = ? AND e.active = 1)',
    );
  }
  if (scope.onlyUnplaced) {
    // Without a placement: no seat held and no offer still open (an open offer may yet be accepted).
    parts.push(
      `AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.student_id = s.id
         AND (p.status IN ('accepted', 'active')
              OR (p.status = 'offered' AND (p.offer_deadline IS NULL OR p.offer_deadline > NOW(3)))))`,
    );
  }
  return parts.join(' ');
}

function studentFilterParams(scope: RunScope): unknown[] {
  const params: unknown[] = [];
  if (scope.regionCodes.length > 0) {
    params.push(scope.regionCodes);
  }
  if (scope.graduationYear !== null) {
    params.push(scope.graduationYear);
  }
  if (scope.cohortId !== null) {
    params.push(scope.cohortId);
  }
  return params;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}
