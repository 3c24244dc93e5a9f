import { Module } from '@nestjs/common';
import { StudentsModule } from '../students/students.module';
import {
  CompetencyUnitsController,
  StudentCompetenciesController,
} from './competencies.controller';
import { CompetenciesRepository } from './competencies.repository';
import { CompetenciesService } from './competencies.service';

@Module({
  imports: [StudentsModule],
  controllers: [CompetencyUnitsController, StudentCompetenciesController],
  providers: [CompetenciesRepository, CompetenciesService],
  exports: [CompetenciesService],
})
export class CompetenciesModule {}
