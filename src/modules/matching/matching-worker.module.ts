import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { MatchingModule } from './matching.module';
import { MatchingProcessor } from './matching.processor';
import { MatchingService } from './matching.service';
import { RoundRunner } from './round-runner.service';

/**
 * The round processor. On start it re-enqueues rounds still queued or running in MySQL: a
 * Redis that lost its jobs loses no round (same job id, so no duplicate either).
 */
@Module({
  imports: [MatchingModule],
  providers: [RoundRunner, MatchingProcessor],
})
export class MatchingWorkerModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(MatchingWorkerModule.name);

  constructor(private readonly matching: MatchingService) {}

  async onApplicationBootstrap(): Promise<void> {
    const unfinished = await this.matching.unfinishedRunIds();
    for (const id of unfinished) {
      // Bounded wait per round (enqueueWithin): a Redis that is down does not stop the start.
      await this.matching.enqueue(id);
    }
    if (unfinished.length > 0) {
      this.logger.log(`Re-enqueued ${unfinished.length} unfinished round(s)`);
    }
  }
}
