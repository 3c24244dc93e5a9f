import { Global, Module } from '@nestjs/common';
import { ApprenticeSeats } from '../companies/apprentice-seats.port';
import { ApprenticeQuotaService } from './apprentice-quota.service';
import { SlotsRepository } from './slots.repository';

/**
 * The apprentice quota, for slots and, through the ApprenticeSeats port, for companies (a
 * lower module that cannot import slots).
 */
@Global()
@Module({
  providers: [
    SlotsRepository,
    ApprenticeQuotaService,
    { provide: ApprenticeSeats, useExisting: ApprenticeQuotaService },
  ],
  exports: [SlotsRepository, ApprenticeQuotaService, ApprenticeSeats],
})
export class ApprenticeSeatsModule {}
