import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';
import { RecommendationsService } from './recommendations.service';
import { CohortsModule } from '../cohorts/cohorts.module';
import { CompetenciesModule } from '../competencies/competencies.module';
import { CoursesModule } from '../courses/courses.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { RegionsModule } from '../regions/regions.module';
import { SchoolsModule } from '../schools/schools.module';
import { SlotsModule } from '../slots/slots.module';
import { VacancyReportsModule } from '../vacancy-reports/vacancy-reports.module';

/** Read-only figures over other features' data, read through their owners; no tables of its own. */
@Module({
  imports: [
    OutcomesModule,
    CompetenciesModule,
    SlotsModule,
    VacancyReportsModule,
    RegionsModule,
    SchoolsModule,
    CoursesModule,
    CohortsModule,
  ],
  controllers: [AnalyticsController],
  providers: [AnalyticsService, RecommendationsService],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
