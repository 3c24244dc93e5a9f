import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import {
  assertRegionInScope,
  ownCompanyId,
  ownRegionCodes,
  restrictToOwnRegions,
} from '../../common/auth/tenant-scope';
import { toCsv } from '../../common/csv/csv-writer';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { Company } from '../companies/company.entity';
import { CompetencyUnit } from '../competencies/competency-unit.entity';
import { Region } from '../regions/region.entity';
import {
  CreateVacancyReportDto,
  ListVacancyReportsQuery,
  NonReporterDto,
  VacancyReportDto,
} from './dto/vacancy-report.dto';
import { VacancyReport } from './vacancy-report.entity';

/** The export's columns, in order: documented in the README (Karirhub intake layout). */
export const KARIRHUB_COLUMNS = [
  'periode',
  'nib',
  'nama_perusahaan',
  'kbli',
  'jabatan',
  'kode_kbji',
  'jumlah_lowongan',
  'pendidikan_minimal',
  'kode_wilayah',
  'nama_wilayah',
  'gaji_min',
  'gaji_max',
  'tanggal_lapor',
];

@Injectable()
export class VacancyReportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One report: all lines of a company for a period, written together or not at all. */
  async create(dto: CreateVacancyReportDto, user: AuthUser): Promise<VacancyReportDto[]> {
    const companyId = await this.companyFor(dto.companyId, user);
    await this.validateLines(dto);
    const ids = await this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(VacancyReport).insert(
        dto.vacancies.map((line) => ({
          companyId,
          period: dto.period,
          title: line.title,
          kbjiCode: line.kbjiCode,
          vacancyCount: line.count,
          educationLevel: line.educationLevel,
          regionCode: line.regionCode,
          wageMin: line.wageMin,
          wageMax: line.wageMax,
          unitCodes: [...new Set(line.unitCodes ?? [])].join(','),
        })),
      );
      return result.identifiers.map((i) => Number(i.id));
    });
    const rows = await this.dataSource
      .getRepository(VacancyReport)
      .find({ where: { id: In(ids) }, order: { id: 'ASC' } });
    return rows.map(toDto);
  }

  async list(query: ListVacancyReportsQuery, user: AuthUser): Promise<Page<VacancyReportDto>> {
    const qb = this.dataSource.getRepository(VacancyReport).createQueryBuilder('v');
    const own = ownCompanyId(user);
    if (own !== null) {
      qb.andWhere('v.companyId = :own', { own });
    } else if (query.companyId) {
      qb.andWhere('v.companyId = :companyId', { companyId: query.companyId });
    }
    if (query.period) {
      qb.andWhere('v.period = :period', { period: query.period });
    }
    // A report is in a region-limited coordinator's scope through its company's region.
    restrictToOwnRegions(
      qb,
      user,
      '(SELECT rc.region_code FROM companies rc WHERE rc.id = v.company_id)',
    );
    const [rows, total] = await qb
      .orderBy('v.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
    return toPage(rows.map(toDto), total, query);
  }

  /** A region-limited coordinator exports the reports of the companies in their regions only. */
  async exportCsv(period: string, user: AuthUser): Promise<string> {
    const regions = ownRegionCodes(user);
    const rows = await this.dataSource.query<Record<string, string | number | Date>[]>(
      `SELECT v.period, c.nib, c.name AS company, c.kbli_code AS kbli, v.title, v.kbji_code AS kbji,
              v.vacancy_count AS count, v.education_level AS education, v.region_code AS region,
              r.name AS regionName, v.wage_min AS wageMin, v.wage_max AS wageMax, v.created_at AS reportedAt
         FROM vacancy_reports v
         JOIN companies c ON c.id = v.company_id
         JOIN regions r ON r.code = v.region_code
        WHERE v.period = ? ${regions === null ? '' : 'AND c.region_code IN (?)'}
        ORDER BY c.nib, v.id`,
      regions === null ? [period] : [period, regions],
    );
    return toCsv(
      KARIRHUB_COLUMNS,
      rows.map((r) => [
        r.period as string,
        r.nib as string,
        r.company as string,
        r.kbli as string,
        r.title as string,
        r.kbji as string,
        Number(r.count),
        r.education as string,
        r.region as string,
        r.regionName as string,
        Number(r.wageMin),
        Number(r.wageMax),
        (r.reportedAt as Date).toISOString().slice(0, 10),
      ]),
    );
  }

  /**
   * Registered companies with no vacancy line for the period (for a region-limited coordinator,
   * the companies in their regions only).
   */
  async nonReporters(
    period: string,
    page: PageQueryDto,
    user: AuthUser,
  ): Promise<Page<NonReporterDto>> {
    const regions = ownRegionCodes(user);
    const where =
      'NOT EXISTS (SELECT 1 FROM vacancy_reports v WHERE v.company_id = c.id AND v.period = ?)' +
      (regions === null ? '' : ' AND c.region_code IN (?)');
    const params = regions === null ? [period] : [period, regions];
    const [{ total }] = await this.dataSource.query<{ total: string }[]>(
      `SELECT COUNT(*) AS total FROM companies c WHERE ${where}`,
      params,
    );
    const rows = await this.dataSource.query<NonReporterDto[]>(
      `SELECT c.id AS companyId, c.nib, c.name, c.region_code AS regionCode, c.contact_email AS contactEmail
         FROM companies c WHERE ${where} ORDER BY c.name, c.id LIMIT ? OFFSET ?`,
      [...params, page.pageSize, page.skip],
    );
    return toPage(rows, Number(total), page);
  }

  private async companyFor(requested: number | undefined, user: AuthUser): Promise<number> {
    let companyId: number;
    if (user.role === Role.CompanyAdmin) {
      companyId = user.companyId ?? 0;
      if (requested !== undefined && requested !== companyId) {
        throw new NotFoundException('company', requested);
      }
    } else if (requested === undefined) {
      throw ValidationFailedException.field('companyId', 'is required');
    } else {
      companyId = requested;
    }
    const company = await this.dataSource.getRepository(Company).findOneBy({ id: companyId });
    if (!company) {
      throw new NotFoundException('company', companyId);
    }
    assertRegionInScope(user, company.regionCode, 'company', companyId);
    return companyId;
  }

  private async validateLines(dto: CreateVacancyReportDto): Promise<void> {
    const problems: FieldProblem[] = [];
    const regions = new Set(
      (await this.dataSource.getRepository(Region).find()).map((r) => r.code),
    );
    const units = [...new Set(dto.vacancies.flatMap((v) => v.unitCodes ?? []))];
    const knownUnits = new Set(
      units.length === 0
        ? []
        : (await this.dataSource.getRepository(CompetencyUnit).findBy({ code: In(units) })).map(
            (u) => u.code,
          ),
    );
    dto.vacancies.forEach((line, index) => {
      if (line.wageMax < line.wageMin) {
        problems.push({
          field: `vacancies.${index}.wageMax`,
          problems: ['must be at least wageMin'],
        });
      }
      if (!regions.has(line.regionCode)) {
        problems.push({
          field: `vacancies.${index}.regionCode`,
          problems: [`unknown region ${line.regionCode}`],
        });
      }
      const unknown = (line.unitCodes ?? []).filter((u) => !knownUnits.has(u));
      if (unknown.length > 0) {
        problems.push({
          field: `vacancies.${index}.unitCodes`,
          problems: [`not in the catalogue: ${unknown.join(', ')}`],
        });
      }
    });
    if (problems.length > 0) {
      throw new ValidationFailedException(problems);
    }
  }
}

function toDto(row: VacancyReport): VacancyReportDto {
  return {
    id: row.id,
    companyId: row.companyId,
    period: row.period,
    title: row.title,
    kbjiCode: row.kbjiCode,
    count: row.vacancyCount,
    educationLevel: row.educationLevel,
    regionCode: row.regionCode,
    wageMin: row.wageMin,
    wageMax: row.wageMax,
    unitCodes: row.unitCodes === '' ? [] : row.unitCodes.split(','),
    reportedAt: row.createdAt.toISOString(),
  };
}
