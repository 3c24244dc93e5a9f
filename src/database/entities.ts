import { AuditEvent } from '../modules/audit/audit-event.entity';
import { RefreshToken } from '../modules/auth/refresh-token.entity';
import { Agreement, AgreementProgram } from '../modules/companies/agreement.entity';
import { CohortAward } from '../modules/cohorts/cohort-award.entity';
import { Cohort } from '../modules/cohorts/cohort.entity';
import { Enrolment } from '../modules/cohorts/enrolment.entity';
import { CourseUnit } from '../modules/courses/course-unit.entity';
import { Course } from '../modules/courses/course.entity';
import { Company } from '../modules/companies/company.entity';
import { ImportFilePart } from '../modules/imports/import-file-part.entity';
import { ImportRowError } from '../modules/imports/import-row-error.entity';
import { Import } from '../modules/imports/import.entity';
import {
  MatchingProposal,
  MatchingRun,
  MatchingRunPart,
  MatchingRunRegion,
  MatchingUnmatched,
} from '../modules/matching/matching-run.entity';
import { SlotRanking, StudentPreference } from '../modules/matching/preference.entity';
import { MONITORING_ENTITIES } from '../modules/monitoring/monitoring.entities';
import { Placement } from '../modules/placements/placement.entity';
import { Outcome } from '../modules/outcomes/outcome.entity';
import { OutboxEvent } from '../modules/notifications/outbox-event.entity';
import { Slot, SlotProgram, SlotRequirement } from '../modules/slots/slot.entity';
import { VacancyReport } from '../modules/vacancy-reports/vacancy-report.entity';
import { CompetencyUnit } from '../modules/competencies/competency-unit.entity';
import { StudentCompetency } from '../modules/competencies/student-competency.entity';
import { District } from '../modules/regions/district.entity';
import { Region } from '../modules/regions/region.entity';
import { Program } from '../modules/schools/program.entity';
import { SchoolProgram } from '../modules/schools/school-program.entity';
import { School } from '../modules/schools/school.entity';
import { Student } from '../modules/students/student.entity';
import { PasswordResetToken } from '../modules/users/password-reset-token.entity';
import { User } from '../modules/users/user.entity';

import { AppInstance } from './app-instance.entity';

/** Every entity, listed once: the app, the migration CLI and the drift check use this list. */
export const ENTITIES = [
  AppInstance,
  User,
  PasswordResetToken,
  RefreshToken,
  Region,
  District,
  Program,
  School,
  SchoolProgram,
  Student,
  CompetencyUnit,
  StudentCompetency,
  AuditEvent,
  Import,
  ImportFilePart,
  ImportRowError,
  Course,
  CourseUnit,
  Cohort,
  Enrolment,
  CohortAward,
  Company,
  Agreement,
  AgreementProgram,
  Slot,
  SlotRequirement,
  SlotProgram,
  VacancyReport,
  Placement,
  StudentPreference,
  SlotRanking,
  MatchingRun,
  MatchingRunRegion,
  MatchingRunPart,
  MatchingProposal,
  MatchingUnmatched,
  Outcome,
  OutboxEvent,
  ...MONITORING_ENTITIES,
];
