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
import { CohortsRepository } from './cohorts.repository';
import { EnrolmentsRepository } from './enrolments.repository';
import { CompetenciesModule } from '../competencies/competencies.module';
import { CoursesModule } from '../courses/courses.module';
import { RegionsModule } from '../regions/regions.module';
import { SchoolsModule } from '../schools/schools.module';
import { StudentsModule } from '../students/students.module';
import { UsersModule } from '../users/users.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([Cohort, Enrolment, CohortAward]),
    CoursesModule,
    CompetenciesModule,
    RegionsModule,
    SchoolsModule,
    StudentsModule,
    UsersModule,
  ],
  controllers: [CohortsController, EnrolmentsController],
  providers: [
    CohortsService,
    EnrolmentsService,
    CompletionService,
    CohortStatsService,
    CohortsRepository,
    EnrolmentsRepository,
  ],
  exports: [CohortsService],
})
export class CohortsModule {}
