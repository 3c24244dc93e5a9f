import { Global, Module } from '@nestjs/common';
import { ProgramUsage } from '../schools/program-usage.port';
import { StudentsRepository } from './students.repository';

/** Gives the schools feature (below students) what it asks of students, without a cycle. */
@Global()
@Module({
  providers: [StudentsRepository, { provide: ProgramUsage, useExisting: StudentsRepository }],
  exports: [ProgramUsage],
})
export class StudentsPortsModule {}
