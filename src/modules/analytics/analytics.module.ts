import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';
import { RecommendationsService } from './recommendations.service';

/** Read-only figures over other features' tables: plain SQL aggregates, no entities of its own. */
@Module({
  controllers: [AnalyticsController],
  providers: [AnalyticsService, RecommendationsService],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
