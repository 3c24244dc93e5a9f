import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module';
import { StudentsModule } from '../students/students.module';
import { OutcomesController } from './outcomes.controller';
import { OutcomesRepository } from './outcomes.repository';
import { OutcomesService } from './outcomes.service';

@Module({
  imports: [StudentsModule, RegionsModule],
  controllers: [OutcomesController],
  providers: [OutcomesRepository, OutcomesService],
  // Placements record apprenticeship starts through it; the imports worker writes CSV batches.
  exports: [OutcomesService],
})
export class OutcomesModule {}
