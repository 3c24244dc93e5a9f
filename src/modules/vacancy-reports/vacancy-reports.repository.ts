import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Action, scopeList } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { inTransaction } from '../../common/database/transaction';
import { ListVacancyReportsQuery } from './dto/vacancy-report.dto';
import { VacancyReport } from './vacancy-report.entity';

/** Every query on `vacancy_reports`. */
@Injectable()
export class VacancyReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One report's lines, written together or not at all, returned in id order. */
  async insertLines(lines: Partial<VacancyReport>[]): Promise<VacancyReport[]> {
    const ids = await inTransaction(this.dataSource, async (manager) => {
      const result = await manager.getRepository(VacancyReport).insert(lines);
      return result.identifiers.map((i) => Number(i.id));
    });
    return this.dataSource
      .getRepository(VacancyReport)
      .find({ where: { id: In(ids) }, order: { id: 'ASC' } });
  }

  async list(
    query: ListVacancyReportsQuery,
    user: AuthUser,
  ): Promise<{ items: VacancyReport[]; total: number }> {
    const qb = this.dataSource.getRepository(VacancyReport).createQueryBuilder('v');
    // A report lies in its company's region (the access policy).
    scopeList(qb, user, 'vacancyReport', 'v', Action.List);
    if (query.companyId) {
      qb.andWhere('v.companyId = :companyId', { companyId: query.companyId });
    }
    if (query.period) {
      qb.andWhere('v.period = :period', { period: query.period });
    }
    const [items, total] = await qb
      .orderBy('v.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** A period's lines the user may export, in id order. */
  forExport(period: string, user: AuthUser): Promise<VacancyReport[]> {
    const qb = this.dataSource
      .getRepository(VacancyReport)
      .createQueryBuilder('v')
      .where('v.period = :period', { period });
    scopeList(qb, user, 'vacancyReport', 'v', Action.Act);
    return qb.orderBy('v.id', 'ASC').getMany();
  }

  /** The companies with at least one line for the period. */
  async reporters(period: string): Promise<number[]> {
    const rows = await this.dataSource.query<{ companyId: number }[]>(
      'SELECT DISTINCT company_id AS companyId FROM vacancy_reports WHERE period = ?',
      [period],
    );
    return rows.map((r) => Number(r.companyId));
  }

  /**
   * Reported vacancies per region and unit list over a period (analytics). unit_codes is a
   * list in one column: SQL sums per distinct list, the caller splits it.
   */
  async vacanciesByRegion(
    fromPeriod: string,
    toPeriod: string,
    regionCodes: readonly string[],
  ): Promise<{ region: string; units: string; n: number }[]> {
    if (regionCodes.length === 0) {
      return [];
    }
    const rows = await this.dataSource.query<{ region: string; units: string; n: string }[]>(
      `SELECT region_code AS region, unit_codes AS units, SUM(vacancy_count) AS n
         FROM vacancy_reports
        WHERE period BETWEEN ? AND ? AND unit_codes <> '' AND region_code IN (?)
        GROUP BY region_code, unit_codes`,
      [fromPeriod, toPeriod, regionCodes],
    );
    return rows.map((r) => ({ region: r.region, units: r.units, n: Number(r.n) }));
  }
}
