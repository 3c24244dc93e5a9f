import { Body, Controller, Get, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import { EXPORT_CONTENT_TYPE, sendTable } from '../../common/export/table-export';
import {
  CreateVacancyReportDto,
  KarirhubExportQuery,
  ListVacancyReportsQuery,
  NonReporterPageDto,
  PeriodPageQuery,
  VacancyReportDto,
  VacancyReportPageDto,
} from './dto/vacancy-report.dto';
import { KARIRHUB_EXPORT, VacancyReportsService } from './vacancy-reports.service';

@ApiTags('vacancy-reports')
@ApiBearerAuth()
@Controller('api/v1/vacancy-reports')
export class VacancyReportsController {
  constructor(private readonly reports: VacancyReportsService) {}

  @Post()
  @Access('vacancyReport', Action.Create)
  @ApiCreatedResponse({ type: [VacancyReportDto] })
  create(
    @Body() dto: CreateVacancyReportDto,
    @CurrentUser() user: AuthUser,
  ): Promise<VacancyReportDto[]> {
    return this.reports.create(dto, user);
  }

  @Get()
  @Access('vacancyReport', Action.List)
  @ApiOkResponse({ type: VacancyReportPageDto })
  list(
    @Query() query: ListVacancyReportsQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<VacancyReportPageDto> {
    return this.reports.list(query, user);
  }

  /** A period's reports in the Karirhub intake layout (columns in the README), CSV or xlsx. */
  @Get('export')
  @Access('vacancyReport', Action.Act)
  @ApiProduces(EXPORT_CONTENT_TYPE.csv, EXPORT_CONTENT_TYPE.xlsx)
  @ApiOkResponse({
    description: 'A header row, then one row per vacancy line',
    schema: { type: 'string' },
  })
  async export(
    @Query() query: KarirhubExportQuery,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | StreamableFile> {
    const rows = await this.reports.exportRows(query.period, user);
    return sendTable(res, query.format, `karirhub-${query.period}`, KARIRHUB_EXPORT, rows);
  }

  /** The office's follow-up list (an Act on the reports: admins and coordinators). */
  @Get('non-reporters')
  @Access('vacancyReport', Action.Act)
  @ApiOkResponse({ type: NonReporterPageDto })
  nonReporters(
    @Query() query: PeriodPageQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<NonReporterPageDto> {
    return this.reports.nonReporters(query.period, query, user);
  }
}
