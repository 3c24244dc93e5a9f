import { Module } from '@nestjs/common';
import { CompetenciesModule } from '../competencies/competencies.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { RegionsModule } from '../regions/regions.module';
import { SchoolsModule } from '../schools/schools.module';
import { StudentsModule } from '../students/students.module';
import { UsersModule } from '../users/users.module';
import { ImportRunner } from './import-runner.service';
import { ImportSweeper } from './import-sweep.service';
import { ImportsModule } from './imports.module';
import { ImportsProcessor } from './imports.processor';

/**
 * The import processor, and the recovery sweep that re-enqueues unfinished imports without a
 * live job: the file and checkpoint are in MySQL, so even a Redis that lost its jobs loses no
 * import.
 */
@Module({
  imports: [
    ImportsModule,
    SchoolsModule,
    RegionsModule,
    UsersModule,
    StudentsModule,
    CompetenciesModule,
    OutcomesModule,
  ],
  providers: [ImportRunner, ImportsProcessor, ImportSweeper],
})
export class ImportsWorkerModule {}
