import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StudentsModule } from '../students/students.module';
import { CompetenciesService } from './competencies.service';
import { CompetencyUnit } from './competency-unit.entity';
import {
  CompetencyUnitsController,
  StudentCompetenciesController,
} from './competencies.controller';
import { StudentCompetency } from './student-competency.entity';

@Module({
  imports: [TypeOrmModule.forFeature([CompetencyUnit, StudentCompetency]), StudentsModule],
  controllers: [CompetencyUnitsController, StudentCompetenciesController],
  providers: [CompetenciesService],
  exports: [CompetenciesService],
})
export class CompetenciesModule {}
