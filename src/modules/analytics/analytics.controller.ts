import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import {
  supplyDemandCsv,
  supplyDemandSvg,
  unemploymentCsv,
  unemploymentSvg,
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

const CONTENT_TYPE: Record<Exclude<AnalyticsFormat, AnalyticsFormat.Json>, string> = {
  [AnalyticsFormat.Csv]: 'text/csv; charset=utf-8',
  [AnalyticsFormat.Svg]: 'image/svg+xml; charset=utf-8',
};

/** Figures for the manpower office: JSON, or ?format=csv / ?format=svg of the same figures. */
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
  @ApiProduces('application/json', CONTENT_TYPE.csv, CONTENT_TYPE.svg)
  @ApiOkResponse({ type: UnemploymentReportDto })
  async unemployment(
    @Query() query: UnemploymentQuery,
    @CurrentUser() actor: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnemploymentReportDto | string> {
    const report = await this.analytics.unemployment(actor, query);
    switch (query.format) {
      case AnalyticsFormat.Json:
        return report;
      case AnalyticsFormat.Csv:
        send(res, query.format, `unemployment-${report.toYear}.csv`);
        return unemploymentCsv(report);
      case AnalyticsFormat.Svg:
        send(res, query.format, `unemployment-${report.toYear}.svg`);
        return unemploymentSvg(report);
    }
  }

  @Get('supply-demand')
  @Access('labourMarket', Action.Read)
  @ApiProduces('application/json', CONTENT_TYPE.csv, CONTENT_TYPE.svg)
  @ApiOkResponse({ type: SupplyDemandReportDto })
  async supplyDemand(
    @Query() query: SupplyDemandQuery,
    @CurrentUser() actor: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SupplyDemandReportDto | string> {
    switch (query.format) {
      case AnalyticsFormat.Json:
        return this.analytics.supplyDemand(actor, query);
      case AnalyticsFormat.Csv: {
        // The CSV holds every filtered row, sorted; paging is for the JSON list only.
        const all = await this.analytics.supplyDemandAll(actor, query);
        send(res, query.format, `supply-demand-${query.year}.csv`);
        return supplyDemandCsv(all.items);
      }
      case AnalyticsFormat.Svg: {
        const all = await this.analytics.supplyDemandAll(actor, query);
        send(res, query.format, `supply-demand-${query.year}.svg`);
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

function send(
  res: Response,
  format: AnalyticsFormat.Csv | AnalyticsFormat.Svg,
  name: string,
): void {
  res.setHeader('Content-Type', CONTENT_TYPE[format]);
  res.setHeader(
    'Content-Disposition',
    `${format === AnalyticsFormat.Csv ? 'attachment' : 'inline'}; filename="${name}"`,
  );
}
