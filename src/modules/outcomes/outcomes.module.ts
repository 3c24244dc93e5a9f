import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Outcome } from './outcome.entity';
import { OutcomesController } from './outcomes.controller';
import { OutcomesService } from './outcomes.service';

@Module({
  imports: [TypeOrmModule.forFeature([Outcome])],
  controllers: [OutcomesController],
  providers: [OutcomesService],
  // Placements record apprenticeship starts through it; the imports worker writes CSV batches.
  exports: [OutcomesService],
})
export class OutcomesModule {}
