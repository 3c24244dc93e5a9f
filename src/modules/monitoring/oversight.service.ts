import { Injectable } from '@nestjs/common';
import { AuthUser } from '../../common/auth/auth-user';
import type { TableExport } from '../../common/export/table-export';
import { API_TEXTS, type ApiTextKey, type Locale } from '../../common/i18n/problem-text';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { CompaniesService } from '../companies/companies.service';
import { PlacementsService } from '../placements/placements.service';
import { PlacementStatus, PlacementSummary } from '../placements/placements.types';
import { RegionsService } from '../regions/regions.service';
import { SchoolsService } from '../schools/schools.service';
import { SlotsService } from '../slots/slots.service';
import { UsersService } from '../users/users.service';
import {
  AttentionDto,
  MonitoringReportDto,
  MonitoringReportGroup,
  MonitoringReportRowDto,
} from './dto/oversight.dto';
import { MonitoringAttention } from './monitoring.entities';
import { MonitoringRepository } from './monitoring.repository';
import { presenceRate } from './monitoring.rules';

/** A report group's key and name, per placement. */
type Grouping = Map<number, { key: string; name: string | null }>;

/**
 * What supervisors and offices look at: the "needs attention" list the daily reminders fill,
 * and the monitoring figures per school, teacher, company or region. Both count only the
 * placements the access policy lets the user see.
 */
@Injectable()
export class OversightService {
  constructor(
    private readonly repo: MonitoringRepository,
    private readonly placements: PlacementsService,
    private readonly schools: SchoolsService,
    private readonly companies: CompaniesService,
    private readonly users: UsersService,
    private readonly slots: SlotsService,
    private readonly regions: RegionsService,
  ) {}

  /** The user's active placements that need attention, the longest journal gap first. */
  async attention(user: AuthUser, query: PageQueryDto): Promise<Page<AttentionDto>> {
    const scoped = await this.placements.summariesInScope(user, 'attention', [
      PlacementStatus.Active,
    ]);
    const byId = new Map(scoped.map((p) => [p.id, p]));
    const [rows, total] = await this.repo.pageAttention([...byId.keys()], {
      skip: query.skip,
      take: query.pageSize,
    });
    return toPage(
      rows.map((r) => toAttentionDto(r, byId.get(r.placementId)!)),
      total,
      query,
    );
  }

  /**
   * Per group: placements active now, attendance days recorded and present (and the rate),
   * journal entries waiting for review, and assessments done; over the active and completed
   * placements in the user's scope.
   */
  async report(user: AuthUser, groupBy: MonitoringReportGroup): Promise<MonitoringReportDto> {
    const placements = await this.placements.summariesInScope(user, 'monitoringReport', [
      PlacementStatus.Active,
      PlacementStatus.Completed,
    ]);
    const ids = placements.map((p) => p.id);
    const [totals, assessed, groups] = await Promise.all([
      this.repo.totals(ids),
      this.repo.assessedPlacements(ids),
      this.grouping(groupBy, placements),
    ]);
    const rows = new Map<string, MonitoringReportRowDto>();
    const sum = emptyRow('total', null);
    for (const p of placements) {
      const group = groups.get(p.id)!;
      let row = rows.get(group.key);
      if (!row) {
        row = emptyRow(group.key, group.name);
        rows.set(group.key, row);
      }
      const counted = totals.get(p.id);
      for (const r of [row, sum]) {
        r.apprenticesActive += p.status === PlacementStatus.Active ? 1 : 0;
        r.attendanceDays += counted?.attendanceDays ?? 0;
        r.attendancePresent += counted?.attendancePresent ?? 0;
        r.journalsWaiting += counted?.journalsWaiting ?? 0;
        r.assessmentsDone += assessed.has(p.id) ? 1 : 0;
      }
    }
    const items = [...rows.values()];
    for (const r of [...items, sum]) {
      r.attendanceRate = presenceRate(r.attendancePresent, r.attendanceDays);
    }
    items.sort(
      (a, b) =>
        (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.key.localeCompare(b.key),
    );
    return { groupBy, placements: placements.length, items, totals: sum };
  }

  /** Each placement's group: its school, teacher, company, or its slot's region. */
  private async grouping(
    groupBy: MonitoringReportGroup,
    placements: readonly PlacementSummary[],
  ): Promise<Grouping> {
    const distinct = (values: (number | null)[]): number[] => [
      ...new Set(values.filter((v): v is number => v !== null)),
    ];
    const grouping: Grouping = new Map();
    switch (groupBy) {
      case MonitoringReportGroup.School: {
        const names = new Map(
          (await this.schools.findSummaries(distinct(placements.map((p) => p.schoolId)))).map(
            (s) => [s.id, s.name],
          ),
        );
        placements.forEach((p) =>
          grouping.set(p.id, { key: String(p.schoolId), name: names.get(p.schoolId) ?? null }),
        );
        break;
      }
      case MonitoringReportGroup.Company: {
        const names = new Map(
          (await this.companies.findSummaries(distinct(placements.map((p) => p.companyId)))).map(
            (c) => [c.id, c.name],
          ),
        );
        placements.forEach((p) =>
          grouping.set(p.id, { key: String(p.companyId), name: names.get(p.companyId) ?? null }),
        );
        break;
      }
      case MonitoringReportGroup.Teacher: {
        const names = await this.users.namesOf(distinct(placements.map((p) => p.teacherId)));
        placements.forEach((p) =>
          grouping.set(
            p.id,
            p.teacherId === null
              ? { key: 'unassigned', name: null }
              : { key: String(p.teacherId), name: names.get(p.teacherId) ?? null },
          ),
        );
        break;
      }
      case MonitoringReportGroup.Region: {
        const slots = await this.slots.findSummaries(distinct(placements.map((p) => p.slotId)));
        const regionOf = new Map(slots.map((s) => [s.id, s.regionCode]));
        const codes = [...new Set(regionOf.values())];
        const names = new Map(
          codes.length === 0
            ? []
            : (await this.regions.findRefs({ codes })).map((r) => [r.code, r.name]),
        );
        placements.forEach((p) => {
          const code = regionOf.get(p.slotId) ?? '';
          grouping.set(p.id, { key: code, name: names.get(code) ?? null });
        });
        break;
      }
    }
    return grouping;
  }
}

function emptyRow(key: string, name: string | null): MonitoringReportRowDto {
  return {
    key,
    name,
    apprenticesActive: 0,
    attendanceDays: 0,
    attendancePresent: 0,
    attendanceRate: null,
    journalsWaiting: 0,
    assessmentsDone: 0,
  };
}

function toAttentionDto(row: MonitoringAttention, p: PlacementSummary): AttentionDto {
  return {
    placementId: row.placementId,
    studentId: p.studentId,
    schoolId: p.schoolId,
    companyId: p.companyId,
    teacherId: p.teacherId,
    mentorId: p.mentorId,
    journalMissingDays: row.journalMissingDays,
    lastJournalDate: row.lastJournalDate,
    unconfirmedDays: row.unconfirmedDays,
    oldestUnconfirmedDay: row.oldestUnconfirmedDay,
    detectedOn: row.detectedOn,
  };
}

/** The monitoring report's texts in the API's catalogue (`monitoring.reports.<text>`). */
type ReportText = ApiTextKey extends infer K
  ? K extends `monitoring.reports.${infer T}`
    ? T
    : never
  : never;

/**
 * The report as CSV or xlsx in `locale`, in the words of the console's table: one line per
 * group (its code and name), then the totals.
 */
export function reportTable(
  groupBy: MonitoringReportDto['groupBy'],
  locale: Locale,
): TableExport<MonitoringReportRowDto> {
  // the catalogue's keys, checked by tsc: a report column without its text does not compile
  const say = (key: ReportText) => API_TEXTS[locale][`monitoring.reports.${key}`];
  const name = (r: MonitoringReportRowDto) =>
    r.key === 'total' || r.key === 'unassigned' ? say(r.key) : r.name;
  return {
    sheet: say('title'),
    columns: [
      { header: say('code'), type: 'text', value: (r) => r.key },
      { header: say(`group.${groupBy}`), type: 'text', value: name, width: 30 },
      { header: say('active'), type: 'integer', value: (r) => r.apprenticesActive },
      { header: say('attendance_days'), type: 'integer', value: (r) => r.attendanceDays },
      { header: say('attendance_present'), type: 'integer', value: (r) => r.attendancePresent },
      { header: `${say('attendance_rate')} (%)`, type: 'number', value: (r) => r.attendanceRate },
      { header: say('journals_waiting'), type: 'integer', value: (r) => r.journalsWaiting },
      { header: say('assessments_done'), type: 'integer', value: (r) => r.assessmentsDone },
    ],
  };
}
