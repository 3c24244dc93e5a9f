import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { CompetenciesModule } from '../competencies/competencies.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlacementsModule } from '../placements/placements.module';
import { RegionsModule } from '../regions/regions.module';
import { SchoolsModule } from '../schools/schools.module';
import { SlotsModule } from '../slots/slots.module';
import { StudentsModule } from '../students/students.module';
import { UsersModule } from '../users/users.module';
import { AssessmentController, VerifyController } from './assessment.controller';
import { AssessmentService } from './assessment.service';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { FileStore } from './file-store';
import { JournalController } from './journal.controller';
import { JournalService } from './journal.service';
import { MonitoredPlacements } from './monitored-placements';
import { MONITORING_QUEUE } from './monitoring.constants';
import { MonitoringRepository } from './monitoring.repository';
import { OversightController } from './oversight.controller';
import { OversightService } from './oversight.service';
import { MonitoringReminders } from './reminders.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

/**
 * Monitoring during the apprenticeship (journal, attendance, visits, final assessment and
 * certificate), the daily reminders and the "needs attention" list, and the reports. Above
 * placements, users, slots, students, schools, companies, competencies, regions and
 * notifications: it calls their services, and nothing below calls it.
 */
@Module({
  imports: [
    PlacementsModule,
    UsersModule,
    SlotsModule,
    StudentsModule,
    SchoolsModule,
    CompaniesModule,
    CompetenciesModule,
    RegionsModule,
    NotificationsModule,
    BullModule.registerQueue({ name: MONITORING_QUEUE }),
  ],
  controllers: [
    SupervisionController,
    JournalController,
    AttendanceController,
    AssessmentController,
    VerifyController,
    OversightController,
  ],
  providers: [
    MonitoringRepository,
    MonitoredPlacements,
    FileStore,
    JournalService,
    AttendanceService,
    SupervisionService,
    AssessmentService,
    OversightService,
    MonitoringReminders,
  ],
  // The reminders run in the worker (monitoring-worker.module.ts); the queue is shared with it.
  exports: [MonitoringReminders, BullModule],
})
export class MonitoringModule {}
