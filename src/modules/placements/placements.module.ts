import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { SlotsModule } from '../slots/slots.module';
import { StudentsModule } from '../students/students.module';
import { PlacementSeatsModule } from './placement-seats.module';
import { PLACEMENTS_QUEUE } from './placements.constants';
import { PlacementsController } from './placements.controller';
import { PlacementsService } from './placements.service';

@Module({
  imports: [
    PlacementSeatsModule,
    SlotsModule,
    CompaniesModule,
    StudentsModule,
    NotificationsModule,
    OutcomesModule,
    BullModule.registerQueue({ name: PLACEMENTS_QUEUE }),
  ],
  controllers: [PlacementsController],
  providers: [PlacementsService],
  exports: [PlacementsService, BullModule],
})
export class PlacementsModule {}
