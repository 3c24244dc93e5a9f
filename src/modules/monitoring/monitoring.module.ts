import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { CompetenciesModule } from '../competencies/competencies.module';
import { PlacementsModule } from '../placements/placements.module';
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
import { MonitoringRepository } from './monitoring.repository';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

/**
 * Monitoring during the apprenticeship (journal, attendance, visits, final assessment and
 * certificate). Above placements, users, slots, students, schools, companies and competencies:
 * it calls their services, and nothing below calls it.
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
  ],
  controllers: [
    SupervisionController,
    JournalController,
    AttendanceController,
    AssessmentController,
    VerifyController,
  ],
  providers: [
    MonitoringRepository,
    MonitoredPlacements,
    FileStore,
    JournalService,
    AttendanceService,
    SupervisionService,
    AssessmentService,
  ],
})
export class MonitoringModule {}
