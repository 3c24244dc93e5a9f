import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { CohortsModule } from '../cohorts/cohorts.module';
import { CompetenciesModule } from '../competencies/competencies.module';
import { PlacementsModule } from '../placements/placements.module';
import { RegionsModule } from '../regions/regions.module';
import { SlotsModule } from '../slots/slots.module';
import { StudentsModule } from '../students/students.module';
import { UsersModule } from '../users/users.module';
import { MATCHING_QUEUE, MATCHING_QUEUE_SETTINGS } from './matching.constants';
import { MatchingController } from './matching.controller';
import { MatchingRepository } from './matching.repository';
import { MatchingService } from './matching.service';
import { PreferencesController } from './preferences.controller';
import { PreferencesRepository } from './preferences.repository';
import { PreferencesService } from './preferences.service';
import { PublishService } from './publish.service';
import { RoundLoader } from './round-loader';

@Module({
  imports: [
    BullModule.registerQueue({ name: MATCHING_QUEUE, settings: MATCHING_QUEUE_SETTINGS }),
    RegionsModule,
    StudentsModule,
    CompetenciesModule,
    CohortsModule,
    SlotsModule,
    PlacementsModule,
    // Rounds show their creator's display name (UsersService.namesOf).
    UsersModule,
  ],
  controllers: [MatchingController, PreferencesController],
  providers: [
    MatchingRepository,
    PreferencesRepository,
    MatchingService,
    PublishService,
    PreferencesService,
    RoundLoader,
  ],
  // The worker's round runner and recovery sweep load, write and enqueue rounds through these.
  exports: [BullModule, MatchingService, MatchingRepository, RoundLoader],
})
export class MatchingModule {}
