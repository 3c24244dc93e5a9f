import { Module } from '@nestjs/common';
import { MatchingModule } from './matching.module';
import { MatchingProcessor } from './matching.processor';
import { RoundParts } from './round-parts.service';
import { RoundRunner } from './round-runner.service';
import { RoundSweeper } from './round-sweep.service';
import { RunPartsRepository } from './run-parts.repository';

/**
 * The round processor (rounds and the parts of split rounds), and the recovery sweep that
 * re-enqueues rounds and parts queued or running in MySQL without a live job: a Redis that
 * lost its jobs, or a job that failed while the database was away, loses no round.
 */
@Module({
  imports: [MatchingModule],
  providers: [RoundRunner, RoundParts, RunPartsRepository, MatchingProcessor, RoundSweeper],
})
export class MatchingWorkerModule {}
