import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Outcome } from './outcome.entity';
import { OutcomeImportService } from './outcome-import.service';
import { OUTCOMES_QUEUE } from './outcomes.constants';
import { OutcomesController } from './outcomes.controller';
import { OutcomesService } from './outcomes.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Outcome]),
    BullModule.registerQueue({ name: OUTCOMES_QUEUE }),
  ],
  controllers: [OutcomesController],
  providers: [OutcomesService, OutcomeImportService],
  // OutcomesService.recordApprenticeshipStart is called by the placements feature.
  exports: [OutcomesService, OutcomeImportService],
})
export class OutcomesModule {}
