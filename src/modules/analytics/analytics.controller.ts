import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import { EXPORT_CONTENT_TYPE, ExportFormat, sendTable } from '../../common/export/table-export';
import {
  SUPPLY_DEMAND_TABLE,
  supplyDemandSvg,
  unemploymentSvg,
  unemploymentTable,
} from './analytics.render';
import { AnalyticsService } from './analytics.service';
import {
  AnalyticsFormat,
  RecommendationsQuery,
  SupplyDemandQuery,
  UnemploymentQuery,
} from './dto/analytics.query';
import { RecommendationsDto } from './dto/recommendations.dto';
import { SupplyDemandReportDto } from './dto/supply-demand.dto';
import { UnemploymentReportDto } from './dto/unemployment.dto';
import { RecommendationsService } from './recommendations.service';

const SVG = 'image/svg+xml; charset=utf-8';

/** Figures for the manpower office: JSON, or ?format=csv / xlsx / svg of the same figures. */
@ApiTags('analytics')
@ApiBearerAuth()
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly recommendations: RecommendationsService,
  ) {}

  @Get('unemployment')
  @Access('analytics', Action.Read)
  @ApiProduces('application/json', EXPORT_CONTENT_TYPE.csv, EXPORT_CONTENT_TYPE.xlsx, SVG)
  @ApiOkResponse({ type: UnemploymentReportDto })
  async unemployment(
    @Query() query: UnemploymentQuery,
    @CurrentUser() actor: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnemploymentReportDto | string | StreamableFile> {
    const report = await this.analytics.unemployment(actor, query);
    switch (query.format) {
      case AnalyticsFormat.Json:
        return report;
      case AnalyticsFormat.Csv:
      case AnalyticsFormat.Xlsx:
        return sendTable(
          res,
          tableFormat(query.format),
          `unemployment-${report.toYear}`,
          unemploymentTable(report.groupBy),
          report.rows,
        );
      case AnalyticsFormat.Svg:
        sendSvg(res, `unemployment-${report.toYear}.svg`);
        return unemploymentSvg(report);
    }
  }

  @Get('supply-demand')
  @Access('labourMarket', Action.Read)
  @ApiProduces('application/json', EXPORT_CONTENT_TYPE.csv, EXPORT_CONTENT_TYPE.xlsx, SVG)
  @ApiOkResponse({ type: SupplyDemandReportDto })
  async supplyDemand(
    @Query() query: SupplyDemandQuery,
    @CurrentUser() actor: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SupplyDemandReportDto | string | StreamableFile> {
    switch (query.format) {
      case AnalyticsFormat.Json:
        return this.analytics.supplyDemand(actor, query);
      case AnalyticsFormat.Csv:
      case AnalyticsFormat.Xlsx: {
        // The file holds every filtered row, sorted; paging is for the JSON list only.
        const all = await this.analytics.supplyDemandAll(actor, query);
        return sendTable(
          res,
          tableFormat(query.format),
          `supply-demand-${query.year}`,
          SUPPLY_DEMAND_TABLE,
          all.items,
        );
      }
      case AnalyticsFormat.Svg: {
        const all = await this.analytics.supplyDemandAll(actor, query);
        sendSvg(res, `supply-demand-${query.year}.svg`);
        return supplyDemandSvg(all.regions, query.year, query.unitCode);
      }
    }
  }

  @Get('recommendations')
  @Access('labourMarket', Action.Read)
  @ApiOkResponse({ type: RecommendationsDto })
  recommend(
    @Query() query: RecommendationsQuery,
    @CurrentUser() actor: AuthUser,
  ): Promise<RecommendationsDto> {
    return this.recommendations.recommend(actor, query);
  }
}

function sendSvg(res: Response, name: string): void {
  res.setHeader('Content-Type', SVG);
  res.setHeader('Content-Disposition', `inline; filename="${name}"`);
}

function tableFormat(format: AnalyticsFormat.Csv | AnalyticsFormat.Xlsx): ExportFormat {
  return format === AnalyticsFormat.Csv ? ExportFormat.Csv : ExportFormat.Xlsx;
}
