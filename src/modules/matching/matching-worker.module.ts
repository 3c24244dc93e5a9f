import { Module } from '@nestjs/common';
import { MatchingModule } from './matching.module';
import { MatchingProcessor } from './matching.processor';
import { RoundRunner } from './round-runner.service';
import { RoundSweeper } from './round-sweep.service';

/**
 * The round processor, and the recovery sweep that re-enqueues rounds queued or running in
 * MySQL without a live job: a Redis that lost its jobs, or a job that failed while the database
 * was away, loses no round.
 */
@Module({
  imports: [MatchingModule],
  providers: [RoundRunner, MatchingProcessor, RoundSweeper],
})
export class MatchingWorkerModule {}
