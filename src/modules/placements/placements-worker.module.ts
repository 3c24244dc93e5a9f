import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { OfferExpiryService } from './offer-expiry.service';
import { OfferExpiryScheduler } from './offer-expiry-scheduler.service';
import { PlacementsModule } from './placements.module';
import { PlacementsProcessor } from './placements.processor';

/**
 * Offer expiry as one repeatable job shared by all workers, kept scheduled by every worker
 * (OfferExpiryScheduler: a Redis restarted empty loses it otherwise).
 */
@Module({
  imports: [PlacementsModule, NotificationsModule],
  providers: [OfferExpiryService, PlacementsProcessor, OfferExpiryScheduler],
  exports: [OfferExpiryService],
})
export class PlacementsWorkerModule {}
