import { Global, Module } from '@nestjs/common';
import { PlacementSeats } from '../slots/placement-seats.port';
import { PlacementsRepository } from './placements.repository';

/**
 * The seats placements hold, for the apprentice quota of slots (a lower module that cannot
 * import placements), through the PlacementSeats port.
 */
@Global()
@Module({
  providers: [PlacementsRepository, { provide: PlacementSeats, useExisting: PlacementsRepository }],
  exports: [PlacementsRepository, PlacementSeats],
})
export class PlacementSeatsModule {}
