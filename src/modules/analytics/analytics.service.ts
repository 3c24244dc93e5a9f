import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { assertSchoolInScope, ownRegionCodes, ownSchoolId } from '../../common/auth/tenant-scope';
import { ValidationFailedException } from '../../common/errors/domain.exception';
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

/** The column each grouping keys on, and where its label comes from. */
const GROUPING: Record<UnemploymentGrouping, { key: string; labels: string }> = {
  [UnemploymentGrouping.Region]: {
    key: 's.domicile_region_code',
    labels: 'SELECT code AS k, name AS label FROM regions',
  },
  [UnemploymentGrouping.School]: {
    key: 's.school_id',
    labels: 'SELECT id AS k, name AS label FROM schools',
  },
  [UnemploymentGrouping.Program]: {
    key: 's.program_code',
    labels: 'SELECT code AS k, name AS label FROM programs',
  },
};

interface FiguresRaw {
  year: number;
  k: string;
  graduates: string;
  without_outcome: string;
  working: string;
  unemployed: string;
  outside: string;
}

export interface RegionRef {
  code: string;
  name: string;
}

@Injectable()
export class AnalyticsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const grouping = GROUPING[query.groupBy];
    const where = ["s.status = 'graduated'", 's.graduation_year BETWEEN ? AND ?'];
    const params: (string | number | string[])[] = [fromYear, query.year];
    const own = ownSchoolId(actor);
    if (query.schoolId !== undefined) {
      assertSchoolInScope(actor, query.schoolId, 'school', query.schoolId);
    }
    const schoolId =
      query.schoolId ??
      (own !== null && query.groupBy !== UnemploymentGrouping.Region ? own : null);
    if (schoolId !== null) {
      where.push('s.school_id = ?');
      params.push(schoolId);
    }
    const regionCodes = regionsInScope(actor, query.regionCode);
    if (regionCodes !== null) {
      where.push('s.domicile_region_code IN (?)');
      params.push(regionCodes);
    }
    // Each graduate's latest outcome (by date, then id) is the MAX of "date|id|status": one
    // pass over the covering index UQ_outcomes_student_date_status, no per-row subquery.
    const raw: FiguresRaw[] = await this.dataSource.query(
      `SELECT t.year, t.k,
              COUNT(*) AS graduates,
              SUM(t.st IS NULL) AS without_outcome,
              SUM(t.st IN ('employed', 'apprenticeship', 'self_employed')) AS working,
              SUM(t.st = 'unemployed') AS unemployed,
              SUM(t.st IN ('studying', 'not_in_labour_force')) AS outside
         FROM (SELECT s.graduation_year AS year, ${grouping.key} AS k,
                      SUBSTRING(MAX(CONCAT(o.outcome_date, LPAD(o.id, 10, '0'), o.status)), 21) AS st
                 FROM students s
                 LEFT JOIN outcomes o ON o.student_id = s.id
                WHERE ${where.join(' AND ')}
                GROUP BY s.id) t
        GROUP BY t.year, t.k
        ORDER BY t.year, t.k`,
      params,
    );
    const labels = await this.labels(grouping.labels, [...new Set(raw.map((r) => String(r.k)))]);
    const rows: UnemploymentRowDto[] = raw.map((r) => ({
      year: Number(r.year),
      key: String(r.k),
      label: labels.get(String(r.k)) ?? String(r.k),
      ...figures(
        Number(r.graduates),
        Number(r.without_outcome),
        Number(r.working),
        Number(r.unemployed),
        Number(r.outside),
      ),
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
  async regions(filter: {
    profile?: string;
    regionCode?: string;
    /** Only these (a region-limited coordinator's scope). */
    codes?: string[] | null;
  }): Promise<RegionRef[]> {
    const where: string[] = [];
    const params: (string | string[])[] = [];
    if (filter.profile !== undefined) {
      where.push('FIND_IN_SET(?, profiles) > 0');
      params.push(filter.profile);
    }
    if (filter.regionCode !== undefined) {
      where.push('code = ?');
      params.push(filter.regionCode);
    }
    if (filter.codes) {
      where.push('code IN (?)');
      params.push(filter.codes);
    }
    return this.dataSource.query(
      `SELECT code, name FROM regions ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY code`,
      params,
    );
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
    const unitFilter = unitCode === undefined ? '' : 'AND sc.unit_code = ?';
    // Three independent reads on three pooled connections: the wall time is the supply scan's
    // alone, not the sum (the seats and vacancies took a quarter of the endpoint's time).
    const supplyRead: Promise<{ region: string; unit: string; level: number; n: string }[]> =
      this.dataSource.query(
        // A binary collation for the grouping key: the case-insensitive one made this
        // 550,000-row GROUP BY twice as slow, and unit codes are exact anyway.
        `SELECT s.domicile_region_code AS region, sc.unit_code COLLATE utf8mb4_bin AS unit,
                sc.level AS level, COUNT(*) AS n
           FROM students s
           JOIN student_competencies sc ON sc.student_id = s.id
          WHERE s.graduation_year = ? AND s.status = 'graduated'
            AND s.domicile_region_code IN (?) ${unitFilter}
          GROUP BY 1, 2, 3
          ORDER BY NULL`,
        [year, codes, ...(unitCode === undefined ? [] : [unitCode])],
      );
    const seatsRead: Promise<{ region: string; unit: string; n: string }[]> = this.dataSource.query(
      `SELECT sl.region_code AS region, r.unit_code AS unit, SUM(sl.capacity - sl.filled) AS n
         FROM slots sl
         JOIN slot_requirements r ON r.slot_id = sl.id
        WHERE sl.status = 'open' AND sl.region_code IN (?)
              ${unitCode === undefined ? '' : 'AND r.unit_code = ?'}
        GROUP BY sl.region_code, r.unit_code`,
      [codes, ...(unitCode === undefined ? [] : [unitCode])],
    );
    // unit_codes is a list in one column: SQL sums per distinct list, the split happens here.
    const vacanciesRead: Promise<{ region: string; units: string; n: string }[]> =
      this.dataSource.query(
        `SELECT region_code AS region, unit_codes AS units, SUM(vacancy_count) AS n
           FROM vacancy_reports
          WHERE period BETWEEN ? AND ? AND unit_codes <> '' AND region_code IN (?)
          GROUP BY region_code, unit_codes`,
        [fromPeriod, toPeriod, codes],
      );
    const [supply, seats, vacancies] = await Promise.all([supplyRead, seatsRead, vacanciesRead]);

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
    const names = await this.labels('SELECT code AS k, name AS label FROM competency_units', [
      ...new Set(all.map((r) => r.unitCode)),
    ]);
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

  private async labels(sql: string, keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) {
      return new Map();
    }
    const found: { k: string | number; label: string }[] = await this.dataSource.query(
      `SELECT * FROM (${sql}) t WHERE t.k IN (?)`,
      [keys],
    );
    return new Map(found.map((f) => [String(f.k), f.label]));
  }
}

/**
 * The regions whose figures the actor may read, narrowed to `regionCode` when given (null: no
 * limit). A coordinator limited to some regions gets theirs only, other regions' rows left
 * out; naming another region is a 400 on regionCode (as creating a school or a matching run
 * there is): regions are public reference data, so a 404 would hide nothing.
 */
export function regionsInScope(actor: AuthUser, regionCode?: string): string[] | null {
  const own = ownRegionCodes(actor);
  if (regionCode !== undefined && own !== null && !own.includes(regionCode)) {
    throw ValidationFailedException.field('regionCode', 'is outside your regions');
  }
  if (regionCode !== undefined) {
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
