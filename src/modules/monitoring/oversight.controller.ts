import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { PageQueryDto } from '../../common/pagination/pagination';
import {
  AttentionPageDto,
  MonitoringReportDto,
  MonitoringReportFormat,
  MonitoringReportQuery,
} from './dto/oversight.dto';
import { EXPORT_CONTENT_TYPE, ExportFormat, sendTable } from '../../common/export/table-export';
import { OversightService, reportTable } from './oversight.service';

/** The "needs attention" list and the monitoring reports. */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('api/v1/monitoring')
export class OversightController {
  constructor(private readonly oversight: OversightService) {}

  @Get('attention')
  @Access('attention', Action.List)
  @ApiOkResponse({
    type: AttentionPageDto,
    description:
      'Active placements with the journal missing 3+ working days or attendance unconfirmed 7+ days, as the daily reminders last found them',
  })
  attention(
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AttentionPageDto> {
    return this.oversight.attention(user, query);
  }

  @Get('reports')
  @Access('monitoringReport', Action.Read)
  @ApiProduces('application/json', EXPORT_CONTENT_TYPE.csv, EXPORT_CONTENT_TYPE.xlsx)
  @ApiOkResponse({ type: MonitoringReportDto })
  async report(
    @Query() query: MonitoringReportQuery,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MonitoringReportDto | string | StreamableFile> {
    const report = await this.oversight.report(user, query.groupBy);
    if (query.format === MonitoringReportFormat.Json) {
      return report;
    }
    return sendTable(
      res,
      query.format === MonitoringReportFormat.Csv ? ExportFormat.Csv : ExportFormat.Xlsx,
      `monitoring-${query.groupBy}`,
      reportTable(query.groupBy, query.lang),
      [...report.items, report.totals],
    );
  }
}
