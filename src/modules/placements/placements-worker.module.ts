import { InjectQueue } from '@nestjs/bull';
import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { enqueueWithin } from '../../common/queue/enqueue';
import { NotificationsModule } from '../notifications/notifications.module';
import { OfferExpiryService } from './offer-expiry.service';
import {
  EXPIRE_OFFERS_JOB,
  EXPIRE_OFFERS_JOB_OPTIONS,
  PLACEMENTS_QUEUE,
} from './placements.constants';
import { PlacementsModule } from './placements.module';
import { PlacementsProcessor } from './placements.processor';

/** Offer expiry as one repeatable job shared by all workers. */
@Module({
  imports: [PlacementsModule, NotificationsModule],
  providers: [OfferExpiryService, PlacementsProcessor],
  exports: [OfferExpiryService],
})
export class PlacementsWorkerModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlacementsWorkerModule.name);

  constructor(@InjectQueue(PLACEMENTS_QUEUE) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    // Not awaited: a worker starting while Redis is down must still start (and Bull retries).
    void enqueueWithin(this.queue, EXPIRE_OFFERS_JOB, {}, EXPIRE_OFFERS_JOB_OPTIONS, 10_000).then(
      (queued) => {
        if (!queued) {
          this.logger.error(
            'Offer expiry not scheduled yet: Redis did not answer; offers past deadline are still refused',
          );
        }
      },
    );
  }
}
