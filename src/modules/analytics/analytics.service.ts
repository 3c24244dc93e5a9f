import { Injectable } from '@nestjs/common';
import {
  Action,
  assertRegionsAllowed,
  regionLimit,
  scopeCondition,
} from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import type { AuthUser } from '../../common/auth/auth-user';
import { ValidationFailedException } from '../../common/errors/domain.exception';
import { CompetenciesService } from '../competencies/competencies.service';
import { OutcomesService } from '../outcomes/outcomes.service';
import { RegionsService } from '../regions/regions.service';
import type { RegionFilter, RegionRef } from '../regions/regions.types';
import { SchoolsService } from '../schools/schools.service';
import { SlotsService } from '../slots/slots.service';
import { VacancyReportsService } from '../vacancy-reports/vacancy-reports.service';
import { SupplyDemandQuery, UnemploymentGrouping, UnemploymentQuery } from './dto/analytics.query';
import {
  SupplyDemandRegionDto,
  SupplyDemandReportDto,
  SupplyDemandRowDto,
} from './dto/supply-demand.dto';
import {
  UnemploymentFiguresDto,
  UnemploymentReportDto,
  UnemploymentRowDto,
} from './dto/unemployment.dto';

const MAX_YEARS = 15;

export type { RegionRef };

/**
 * Figures for the manpower office, read through the owners of the data: outcomes (unemployment),
 * competencies (supply), slots and vacancy reports (demand), regions, schools (labels).
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly access: AccessRepository,
    private readonly outcomes: OutcomesService,
    private readonly competencies: CompetenciesService,
    private readonly slots: SlotsService,
    private readonly vacancies: VacancyReportsService,
    private readonly regionsService: RegionsService,
    private readonly schools: SchoolsService,
  ) {}

  /**
   * TPT-style rate per group and graduation year, from each graduate's latest outcome.
   * A school_admin gets regional totals by region, but only their own school's rows by
   * school or programme.
   */
  async unemployment(actor: AuthUser, query: UnemploymentQuery): Promise<UnemploymentReportDto> {
    const fromYear = query.fromYear ?? query.year;
    if (fromYear > query.year || query.year - fromYear >= MAX_YEARS) {
      throw ValidationFailedException.field(
        'fromYear',
        `must be at most year and within ${MAX_YEARS} years of it`,
      );
    }
    if (query.schoolId !== undefined) {
      await this.access.assertInScope(
        actor,
        'school',
        query.schoolId,
        Action.Read,
        undefined,
        'school',
      );
    }
    const counts = await this.outcomes.unemploymentCounts({
      fromYear,
      toYear: query.year,
      groupBy: query.groupBy,
      schoolId: query.schoolId ?? null,
      regionCodes: regionsInScope(actor, query.regionCode),
      // Regional totals are everyone's to read; rows per school or programme are the policy's.
      scope:
        query.groupBy === UnemploymentGrouping.Region
          ? null
          : scopeCondition(actor, 'analytics', 's', Action.Read),
    });
    const labels = await this.labels(query.groupBy, [...new Set(counts.map((r) => r.key))]);
    const rows: UnemploymentRowDto[] = counts.map((r) => ({
      year: r.year,
      key: r.key,
      label: labels.get(r.key) ?? r.key,
      ...figures(r.graduates, r.withoutOutcome, r.working, r.unemployed, r.outside),
    }));
    const totals = [];
    for (let year = fromYear; year <= query.year; year++) {
      const of = rows.filter((r) => r.year === year);
      const sum = (f: (r: UnemploymentRowDto) => number): number =>
        of.reduce((acc, r) => acc + f(r), 0);
      totals.push({
        year,
        ...figures(
          sum((r) => r.graduates),
          sum((r) => r.withoutOutcome),
          sum((r) => r.working),
          sum((r) => r.unemployed),
          sum((r) => r.outsideLabourForce),
        ),
      });
    }
    return { groupBy: query.groupBy, fromYear, toYear: query.year, rows, totals };
  }

  /** Regions matching the filters, in code order. */
  regions(filter: RegionFilter): Promise<RegionRef[]> {
    return this.regionsService.findRefs(filter);
  }

  /** Every region × unit with supply or demand (unpaged, unsorted). */
  async supplyDemandRows(
    regions: RegionRef[],
    year: number,
    fromPeriod: string,
    toPeriod: string,
    unitCode?: string,
  ): Promise<SupplyDemandRowDto[]> {
    if (regions.length === 0) {
      return [];
    }
    const codes = regions.map((r) => r.code);
    // Three independent reads on three pooled connections: the wall time is the supply scan's
    // alone, not the sum (the seats and vacancies took a quarter of the endpoint's time).
    const [supply, seats, vacancies] = await Promise.all([
      this.competencies.graduateSupply(year, codes, unitCode),
      this.slots.openSeatsByRegionUnit(codes, unitCode),
      this.vacancies.vacanciesByRegion(fromPeriod, toPeriod, codes),
    ]);

    const rows = new Map<string, SupplyDemandRowDto>();
    const regionName = new Map(regions.map((r) => [r.code, r.name]));
    const row = (region: string, unit: string): SupplyDemandRowDto => {
      const key = `${region}|${unit}`;
      let found = rows.get(key);
      if (!found) {
        found = {
          regionCode: region,
          regionName: regionName.get(region) ?? region,
          unitCode: unit,
          unitName: unit,
          supply: 0,
          supplyByLevel: [0, 0, 0, 0, 0],
          slotSeats: 0,
          vacancies: 0,
          demand: 0,
          gap: 0,
        };
        rows.set(key, found);
      }
      return found;
    };
    for (const s of supply) {
      const r = row(s.region, s.unit);
      const n = Number(s.n);
      r.supply += n;
      if (s.level >= 1 && s.level <= 5) {
        r.supplyByLevel[s.level - 1] += n;
      }
    }
    for (const s of seats) {
      row(s.region, s.unit).slotSeats += Number(s.n);
    }
    for (const v of vacancies) {
      const units = new Set(
        v.units
          .split(',')
          .map((u) => u.trim())
          .filter((u) => u !== ''),
      );
      for (const unit of units) {
        if (unitCode === undefined || unit === unitCode) {
          row(v.region, unit).vacancies += Number(v.n);
        }
      }
    }
    const all = [...rows.values()];
    for (const r of all) {
      r.demand = r.slotSeats + r.vacancies;
      r.gap = r.demand - r.supply;
    }
    const names = new Map(
      (await this.competencies.findUnits([...new Set(all.map((r) => r.unitCode))])).map((u) => [
        u.code,
        u.name,
      ]),
    );
    for (const r of all) {
      r.unitName = names.get(r.unitCode) ?? r.unitCode;
    }
    return all;
  }

  async supplyDemand(actor: AuthUser, query: SupplyDemandQuery): Promise<SupplyDemandReportDto> {
    const report = await this.supplyDemandAll(actor, query);
    return {
      ...report,
      items: report.items.slice(query.skip, query.skip + query.pageSize),
      meta: { page: query.page, pageSize: query.pageSize, total: report.items.length },
    };
  }

  /** Every filtered row, sorted, unpaged: for the CSV and the chart. */
  async supplyDemandAll(
    actor: AuthUser,
    query: SupplyDemandQuery,
  ): Promise<Omit<SupplyDemandReportDto, 'meta'>> {
    const fromPeriod = query.fromPeriod ?? `${query.year}-01`;
    const toPeriod = query.toPeriod ?? `${query.year}-12`;
    if (fromPeriod > toPeriod) {
      throw ValidationFailedException.field('fromPeriod', 'must not be after toPeriod');
    }
    const regions = await this.regions({
      ...query,
      codes: regionsInScope(actor, query.regionCode),
    });
    const all = await this.supplyDemandRows(
      regions,
      query.year,
      fromPeriod,
      toPeriod,
      query.unitCode,
    );
    all.sort(comparator(query.sort, query.order));
    return {
      year: query.year,
      fromPeriod,
      toPeriod,
      items: all,
      regions: regions.map((region) => perRegion(region, all)),
    };
  }

  /** The names of the groups' keys, asked of their owners. */
  private async labels(
    grouping: UnemploymentGrouping,
    keys: string[],
  ): Promise<Map<string, string>> {
    if (keys.length === 0) {
      return new Map();
    }
    switch (grouping) {
      case UnemploymentGrouping.Region:
        return new Map(
          (await this.regionsService.findRefs({ codes: keys })).map((r) => [r.code, r.name]),
        );
      case UnemploymentGrouping.School:
        return new Map(
          (await this.schools.findSummaries(keys.map(Number))).map((r) => [String(r.id), r.name]),
        );
      case UnemploymentGrouping.Program:
        return new Map((await this.schools.findPrograms(keys)).map((r) => [r.code, r.name]));
    }
  }
}

/**
 * The regions whose figures the actor may read, narrowed to `regionCode` when given (null: no
 * limit). A coordinator limited to some regions gets theirs only, other regions' rows left
 * out; naming another region is a 400 on regionCode (as creating a school or a matching run
 * there is): regions are public reference data, so a 404 would hide nothing.
 */
export function regionsInScope(actor: AuthUser, regionCode?: string): string[] | null {
  const own = regionLimit(actor);
  if (regionCode !== undefined) {
    assertRegionsAllowed(actor, [regionCode], 'regionCode');
    return [regionCode];
  }
  return own === null ? null : [...own];
}

export function figures(
  graduates: number,
  withoutOutcome: number,
  working: number,
  unemployed: number,
  outside: number,
): UnemploymentFiguresDto {
  const labourForce = working + unemployed;
  return {
    graduates,
    withoutOutcome,
    working,
    unemployed,
    outsideLabourForce: outside,
    labourForce,
    rate: labourForce === 0 ? null : Math.round((unemployed / labourForce) * 10_000) / 10_000,
  };
}

function perRegion(region: RegionRef, rows: SupplyDemandRowDto[]): SupplyDemandRegionDto {
  const of = rows.filter((r) => r.regionCode === region.code);
  const supply = of.reduce((acc, r) => acc + r.supply, 0);
  const demand = of.reduce((acc, r) => acc + r.demand, 0);
  return { regionCode: region.code, regionName: region.name, supply, demand, gap: demand - supply };
}

function comparator(
  sort: SupplyDemandQuery['sort'],
  order: 'asc' | 'desc',
): (a: SupplyDemandRowDto, b: SupplyDemandRowDto) => number {
  const sign = order === 'asc' ? 1 : -1;
  const primary = (a: SupplyDemandRowDto, b: SupplyDemandRowDto): number => {
    switch (sort) {
      case 'gap':
        return a.gap - b.gap;
      case 'demand':
        return a.demand - b.demand;
      case 'supply':
        return a.supply - b.supply;
      case 'region':
        return a.regionCode.localeCompare(b.regionCode);
      case 'unit':
        return a.unitCode.localeCompare(b.unitCode);
    }
  };
  // Ties broken by region then unit, always ascending, so pages are stable.
  return (a, b) =>
    sign * primary(a, b) ||
    a.regionCode.localeCompare(b.regionCode) ||
    a.unitCode.localeCompare(b.unitCode);
}
