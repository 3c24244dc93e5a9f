import { InjectQueue } from '@nestjs/bull';
import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
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

  async onApplicationBootstrap(): Promise<void> {
    // Redis down at start: expiry waits for the next worker start; offers past deadline are refused at accept anyway.
    await this.queue.add(EXPIRE_OFFERS_JOB, {}, EXPIRE_OFFERS_JOB_OPTIONS).catch((error: Error) => {
      this.logger.error(`Offer expiry not scheduled: ${error.message}`);
    });
  }
}
