import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module';
import { ProgramsController, SchoolsController } from './schools.controller';
import { SchoolsRepository } from './schools.repository';
import { SchoolsService } from './schools.service';

/** Needs a ProgramUsage provider: the students feature's global StudentsPortsModule gives it. */
@Module({
  imports: [RegionsModule],
  controllers: [SchoolsController, ProgramsController],
  providers: [SchoolsRepository, SchoolsService],
  exports: [SchoolsService],
})
export class SchoolsModule {}
