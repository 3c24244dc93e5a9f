import { Injectable } from '@nestjs/common';
import { Action } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import type { TableExport } from '../../common/export/table-export';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { CompaniesService } from '../companies/companies.service';
import { CompetenciesService } from '../competencies/competencies.service';
import { RegionsService } from '../regions/regions.service';
import {
  CreateVacancyReportDto,
  ListVacancyReportsQuery,
  NonReporterDto,
  VacancyReportDto,
} from './dto/vacancy-report.dto';
import { VacancyReport } from './vacancy-report.entity';
import { VacancyReportsRepository } from './vacancy-reports.repository';

/** One line of the Karirhub export. */
export interface KarirhubRow {
  line: VacancyReport;
  company: { nib: string; name: string; kbliCode: string };
  regionName: string;
}

/** The export's columns, in order: documented in the README (Karirhub intake layout). */
export const KARIRHUB_EXPORT: TableExport<KarirhubRow> = {
  sheet: 'Karirhub',
  columns: [
    { header: 'periode', type: 'text', value: (r) => r.line.period },
    { header: 'nib', type: 'text', value: (r) => r.company.nib, width: 16 },
    { header: 'nama_perusahaan', type: 'text', value: (r) => r.company.name, width: 30 },
    { header: 'kbli', type: 'text', value: (r) => r.company.kbliCode },
    { header: 'jabatan', type: 'text', value: (r) => r.line.title, width: 30 },
    { header: 'kode_kbji', type: 'text', value: (r) => r.line.kbjiCode },
    { header: 'jumlah_lowongan', type: 'integer', value: (r) => r.line.vacancyCount },
    { header: 'pendidikan_minimal', type: 'text', value: (r) => r.line.educationLevel },
    { header: 'kode_wilayah', type: 'text', value: (r) => r.line.regionCode },
    { header: 'nama_wilayah', type: 'text', value: (r) => r.regionName, width: 24 },
    { header: 'gaji_min', type: 'integer', value: (r) => r.line.wageMin },
    { header: 'gaji_max', type: 'integer', value: (r) => r.line.wageMax },
    { header: 'tanggal_lapor', type: 'date', value: (r) => r.line.createdAt },
  ],
};
export const KARIRHUB_COLUMNS = KARIRHUB_EXPORT.columns.map((c) => c.header);

@Injectable()
export class VacancyReportsService {
  constructor(
    private readonly reports: VacancyReportsRepository,
    private readonly companies: CompaniesService,
    private readonly regions: RegionsService,
    private readonly competencies: CompetenciesService,
    private readonly access: AccessRepository,
  ) {}

  /** One report: all lines of a company for a period, written together or not at all. */
  async create(dto: CreateVacancyReportDto, user: AuthUser): Promise<VacancyReportDto[]> {
    const companyId = await this.companyFor(dto.companyId, user);
    await this.validateLines(dto);
    const rows = await this.reports.insertLines(
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
    return rows.map(toDto);
  }

  async list(query: ListVacancyReportsQuery, user: AuthUser): Promise<Page<VacancyReportDto>> {
    const { items, total } = await this.reports.list(query, user);
    return toPage(items.map(toDto), total, query);
  }

  /**
   * A period's reports in the Karirhub layout, ordered by NIB; a region-limited coordinator's
   * covers the companies in their regions only (the access policy).
   */
  async exportRows(period: string, user: AuthUser): Promise<KarirhubRow[]> {
    const lines = await this.reports.forExport(period, user);
    const companies = new Map(
      (await this.companies.findSummaries(lines.map((l) => l.companyId))).map((c) => [c.id, c]),
    );
    const regionCodes = [...new Set(lines.map((l) => l.regionCode))];
    const regionNames = new Map(
      regionCodes.length === 0
        ? []
        : (await this.regions.findRefs({ codes: regionCodes })).map((r) => [r.code, r.name]),
    );
    return lines
      .map((line) => ({
        line,
        company: companies.get(line.companyId)!,
        regionName: regionNames.get(line.regionCode) ?? '',
      }))
      .sort((a, b) =>
        a.company.nib === b.company.nib
          ? a.line.id - b.line.id
          : a.company.nib < b.company.nib
            ? -1
            : 1,
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
    const result = await this.companies.pageExcept(
      await this.reports.reporters(period),
      page,
      user,
    );
    return {
      items: result.items.map((c) => ({
        companyId: c.id,
        nib: c.nib,
        name: c.name,
        regionCode: c.regionCode,
        contactEmail: c.contactEmail,
      })),
      meta: result.meta,
    };
  }

  /** The company the report is for, checked in the user's scope before anything is written. */
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
    await this.access.assertInScope(user, 'company', companyId, Action.Read);
    return companyId;
  }

  private async validateLines(dto: CreateVacancyReportDto): Promise<void> {
    const problems: FieldProblem[] = [];
    const regions = new Set(
      await this.regions.knownCodes([...new Set(dto.vacancies.map((v) => v.regionCode))]),
    );
    const units = [...new Set(dto.vacancies.flatMap((v) => v.unitCodes ?? []))];
    const knownUnits = new Set(
      units.length === 0 ? [] : (await this.competencies.findUnits(units)).map((u) => u.code),
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

  /** Reported vacancies per region and unit list over a period (analytics' demand). */
  vacanciesByRegion(
    fromPeriod: string,
    toPeriod: string,
    regionCodes: readonly string[],
  ): Promise<{ region: string; units: string; n: number }[]> {
    return this.reports.vacanciesByRegion(fromPeriod, toPeriod, regionCodes);
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
