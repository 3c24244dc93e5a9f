import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CohortAward } from './cohort-award.entity';
import { CohortStatsService } from './cohort-stats.service';
import { Cohort } from './cohort.entity';
import { CohortsController } from './cohorts.controller';
import { CohortsService } from './cohorts.service';
import { CompletionService } from './completion.service';
import { EnrolmentsController } from './enrolments.controller';
import { EnrolmentsService } from './enrolments.service';
import { Enrolment } from './enrolment.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Cohort, Enrolment, CohortAward])],
  controllers: [CohortsController, EnrolmentsController],
  providers: [CohortsService, EnrolmentsService, CompletionService, CohortStatsService],
  exports: [CohortsService],
})
export class CohortsModule {}
