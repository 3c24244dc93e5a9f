import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { PLACEMENTS_QUEUE } from './placements.constants';
import { PlacementsController } from './placements.controller';
import { PlacementsService } from './placements.service';

@Module({
  imports: [
    NotificationsModule,
    OutcomesModule,
    BullModule.registerQueue({ name: PLACEMENTS_QUEUE }),
  ],
  controllers: [PlacementsController],
  providers: [PlacementsService],
  exports: [PlacementsService, BullModule],
})
export class PlacementsModule {}
