import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { OfferExpiryService } from './offer-expiry.service';
import { EXPIRE_OFFERS_JOB, PLACEMENTS_QUEUE } from './placements.constants';

@Processor(PLACEMENTS_QUEUE)
export class PlacementsProcessor {
  private readonly logger = new Logger(PlacementsProcessor.name);

  constructor(private readonly expiry: OfferExpiryService) {}

  @Process(EXPIRE_OFFERS_JOB)
  async expireOffers(): Promise<void> {
    const expired = await this.expiry.expireDue();
    if (expired > 0) {
      this.logger.log(`${expired} offer(s) expired`);
    }
  }
}
