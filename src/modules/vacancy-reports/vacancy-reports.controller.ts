import { Body, Controller, Get, Header, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import {
  CreateVacancyReportDto,
  ListVacancyReportsQuery,
  NonReporterPageDto,
  PeriodPageQuery,
  PeriodQuery,
  VacancyReportDto,
  VacancyReportPageDto,
} from './dto/vacancy-report.dto';
import { VacancyReportsService } from './vacancy-reports.service';

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

  /** A period's reports in the Karirhub intake layout (columns in the README). */
  @Get('export')
  @Access('vacancyReport', Action.Act)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row', schema: { type: 'string' } })
  export(@Query() query: PeriodQuery, @CurrentUser() user: AuthUser): Promise<string> {
    return this.reports.exportCsv(query.period, user);
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
