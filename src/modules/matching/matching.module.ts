import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { SlotsModule } from '../slots/slots.module';
import { StudentsModule } from '../students/students.module';
import { MATCHING_QUEUE, MATCHING_QUEUE_SETTINGS } from './matching.constants';
import { MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';
import { PreferencesController } from './preferences.controller';
import { PreferencesService } from './preferences.service';
import { PublishService } from './publish.service';

@Module({
  imports: [
    BullModule.registerQueue({ name: MATCHING_QUEUE, settings: MATCHING_QUEUE_SETTINGS }),
    StudentsModule,
    SlotsModule,
    NotificationsModule,
  ],
  controllers: [MatchingController, PreferencesController],
  providers: [MatchingService, PublishService, PreferencesService],
  exports: [MatchingService],
})
export class MatchingModule {}
