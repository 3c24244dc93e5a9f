import { Injectable } from '@nestjs/common';
import { pushTo } from '../../common/collections/multimap';
import type { MatchOptions, PackedInput } from '../../matching-engine';
import { todayUtc } from '../../common/database/dates';
import { CohortsService } from '../cohorts/cohorts.service';
import { CompetenciesService } from '../competencies/competencies.service';
import { isOldEnough } from '../placements/placements.rules';
import { PlacementsService } from '../placements/placements.service';
import { SlotsService } from '../slots/slots.service';
import type { RoundSlot } from '../slots/slots.types';
import { StudentsService } from '../students/students.service';
import { LOAD_BATCH } from './matching.constants';
import { HeldUnits, packRound, SlotRow, StudentRow, toEngineSlot } from './matching.mapper';
import type { RunScope } from './matching-run.entity';
import { PreferencesRepository } from './preferences.repository';
import type { RoundPart } from './round-parts.rules';

export interface LoadedRound {
  /** The engine's input, packed to be moved to the engine's thread (students in id order). */
  input: PackedInput;
  /** Facts the writer needs per student and slot, by id. */
  studentInfo: Map<number, { schoolId: number; regionCode: string }>;
  slotCompany: Map<number, number>;
  /** In scope but left out of the engine: too young for any apprenticeship today. */
  tooYoung: StudentRow[];
}

/**
 * Reads a round's scope through the owners' batch reads (each keyset- or chunk-batched by
 * LOAD_BATCH, so memory stays flat per query) and maps it to the engine's input through
 * matching.mapper.
 */
@Injectable()
export class RoundLoader {
  constructor(
    private readonly studentsService: StudentsService,
    private readonly competencies: CompetenciesService,
    private readonly cohorts: CohortsService,
    private readonly slotsService: SlotsService,
    private readonly placements: PlacementsService,
    private readonly preferences: PreferencesRepository,
  ) {}

  /** The regions where the scope's students live (for splitting a scope that names none). */
  regionsOf(scope: RunScope): Promise<string[]> {
    return this.studentsService.regionsForRound({
      graduatedOnly: scope.cohortId === null,
      regionCodes: scope.regionCodes,
      graduationYear: scope.graduationYear,
    });
  }

  /**
   * The round's input; with `part`, that of one part of a split round (round-parts.rules.ts):
   * the students domiciled in the part's regions, the open slots of its province, and the
   * slots of other provinces that those students list (none of them can take one; the engine
   * may cite one in an explanation, as it would in the whole round).
   */
  async load(
    scope: RunScope,
    options: MatchOptions,
    today = todayUtc(),
    part?: RoundPart,
  ): Promise<LoadedRound> {
    const inScope = await this.studentsService.findForRound({
      graduatedOnly: scope.cohortId === null,
      regionCodes: part ? part.regionCodes : scope.regionCodes,
      graduationYear: scope.graduationYear,
      ...(scope.cohortId !== null
        ? { onlyIds: await this.cohorts.activeStudentIds(scope.cohortId) }
        : {}),
    });
    // Without a placement: no seat held and no offer still open (an open offer may yet be accepted).
    const taken = new Set<number>();
    if (scope.onlyUnplaced) {
      for (let i = 0; i < inScope.length; i += LOAD_BATCH) {
        const chunk = inScope.slice(i, i + LOAD_BATCH).map((s) => s.id);
        for (const id of await this.placements.busyStudents(chunk)) {
          taken.add(id);
        }
      }
    }

    // Permenaker 6/2020 (placements.rules): slots start later, never earlier, than today.
    const eligible: StudentRow[] = [];
    const tooYoung: StudentRow[] = [];
    for (const s of inScope) {
      if (taken.has(s.id)) {
        continue;
      }
      const row: StudentRow = {
        id: s.id,
        schoolId: s.schoolId,
        programCode: s.programCode,
        regionCode: s.regionCode,
      };
      (isOldEnough(s, today) ? eligible : tooYoung).push(row);
    }

    const ids = eligible.map((s) => s.id);
    const held = new HeldUnits(eligible);
    const preferences = new Map<number, number[]>();
    const declined = new Map<string, Set<string>>();
    for (let i = 0; i < ids.length; i += LOAD_BATCH) {
      const chunk = ids.slice(i, i + LOAD_BATCH);
      const [, ranked, refused] = await Promise.all([
        this.competencies.eachHeldUnit(chunk, held.visit),
        this.preferences.preferencesOfMany(chunk),
        this.placements.declinedPairs(chunk),
      ]);
      ranked.forEach((list, id) => preferences.set(id, list));
      for (const r of refused) {
        const set = declined.get(String(r.studentId)) ?? new Set<string>();
        set.add(String(r.slotId));
        declined.set(String(r.studentId), set);
      }
    }

    const provinces = [...new Set(scope.regionCodes.map((c) => c.slice(0, 2)))];
    const slotRows = part
      ? await this.partSlots(provinces, part, preferences)
      : await this.slotsService.findOpenForRound(provinces);
    const promised = new Map<number, number>();
    for (let i = 0; i < slotRows.length; i += LOAD_BATCH) {
      const chunk = slotRows.slice(i, i + LOAD_BATCH).map((s) => s.id);
      (await this.placements.openOffersBySlot(chunk)).forEach((n, id) => promised.set(id, n));
    }
    const open: SlotRow[] = slotRows
      .map((s) => ({
        id: s.id,
        companyId: s.companyId,
        regionCode: s.regionCode,
        remaining: s.unfilled - (promised.get(s.id) ?? 0),
      }))
      .filter((s) => s.remaining > 0);
    const slotIds = open.map((s) => s.id);
    const requirements = new Map<number, { unit: string; minLevel: number; weight: number }[]>();
    const programs = new Map<number, string[]>();
    const rankings = new Map<number, number[]>();
    for (let i = 0; i < slotIds.length; i += LOAD_BATCH) {
      const chunk = slotIds.slice(i, i + LOAD_BATCH);
      const [needs, accepts, ranked] = await Promise.all([
        this.slotsService.findRequirements(chunk),
        this.slotsService.findPrograms(chunk),
        this.preferences.rankingsOfMany(chunk),
      ]);
      for (const r of needs) {
        pushTo(requirements, r.slotId, { unit: r.unit, minLevel: r.minLevel, weight: r.weight });
      }
      for (const p of accepts) {
        pushTo(programs, p.slotId, p.programCode);
      }
      ranked.forEach((list, id) => rankings.set(id, list));
    }

    const engineSlots = open.map((s) =>
      toEngineSlot(s, requirements.get(s.id) ?? [], programs.get(s.id) ?? [], rankings.get(s.id)),
    );
    return {
      input: packRound(engineSlots, eligible, held, preferences, declined, options),
      studentInfo: new Map(
        eligible.map((s) => [s.id, { schoolId: s.schoolId, regionCode: s.regionCode }]),
      ),
      slotCompany: new Map(open.map((s) => [s.id, s.companyId])),
      tooYoung,
    };
  }

  /** The part's province's open slots and, in id order among them, those listed elsewhere. */
  private async partSlots(
    provinces: string[],
    part: RoundPart,
    preferences: Map<number, number[]>,
  ): Promise<RoundSlot[]> {
    const own = await this.slotsService.findOpenForRound([part.key]);
    const ownIds = new Set(own.map((s) => s.id));
    const listed = new Set<number>();
    for (const list of preferences.values()) {
      for (const id of list) {
        if (!ownIds.has(id)) {
          listed.add(id);
        }
      }
    }
    if (listed.size === 0) {
      return own;
    }
    const ids = [...listed].sort((a, b) => a - b);
    const elsewhere: RoundSlot[] = [];
    for (let i = 0; i < ids.length; i += LOAD_BATCH) {
      elsewhere.push(
        ...(await this.slotsService.findOpenForRoundAmong(provinces, ids.slice(i, i + LOAD_BATCH))),
      );
    }
    return [...own, ...elsewhere].sort((a, b) => a.id - b.id);
  }
}
