import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CourseUnit } from './course-unit.entity';
import { Course } from './course.entity';
import { CoursesController } from './courses.controller';
import { CoursesRepository } from './courses.repository';
import { CoursesService } from './courses.service';
import { CompaniesModule } from '../companies/companies.module';
import { CompetenciesModule } from '../competencies/competencies.module';
import { SchoolsModule } from '../schools/schools.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([Course, CourseUnit]),
    SchoolsModule,
    CompaniesModule,
    CompetenciesModule,
  ],
  controllers: [CoursesController],
  providers: [CoursesService, CoursesRepository],
  exports: [CoursesService],
})
export class CoursesModule {}
