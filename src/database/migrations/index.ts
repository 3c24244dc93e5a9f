import { Init1764300000000 } from './1764300000000-init';
import { SchoolsStudentsCompetencies1764300100000 } from './1764300100000-schools-students-competencies';
import { SchoolsImportsAudit1764300200000 } from './1764300200000-schools-imports-audit';
import { CompaniesSlotsPlacements1764300300000 } from './1764300300000-companies-slots-placements';
import { CoursesCohorts1764300400000 } from './1764300400000-courses-cohorts';
import { Outbox1764300500000 } from './1764300500000-outbox';
import { OutcomesAnalytics1764300600000 } from './1764300600000-outcomes-analytics';
import { MatchingRounds1764300700000 } from './1764300700000-matching-rounds';
import { AppInstance1764300800000 } from './1764300800000-app-instance';
import { AnalyticsIndexes1764300900000 } from './1764300900000-analytics-indexes';
import { ImportsOutcomesKind1764301000000 } from './1764301000000-imports-outcomes-kind';
import { MatchingRunRegions1764301100000 } from './1764301100000-matching-run-regions';
import { Accounts1764301200000 } from './1764301200000-accounts';
import { Monitoring1764301500000 } from './1764301500000-monitoring';
import { MonitoringAttention1764301600000 } from './1764301600000-monitoring-attention';
import { MonitoringTotals1764301700000 } from './1764301700000-monitoring-totals';
import { ImportsFormats1764301900000 } from './1764301900000-imports-formats';
import { NationalRegions1764302000000 } from './1764302000000-national-regions';
import { MatchingRunParts1764302500000 } from './1764302500000-matching-run-parts';

/** Every migration in order; the app, the CLI and the tests run this list. */
export const MIGRATIONS = [
  Init1764300000000,
  SchoolsStudentsCompetencies1764300100000,
  SchoolsImportsAudit1764300200000,
  CompaniesSlotsPlacements1764300300000,
  CoursesCohorts1764300400000,
  Outbox1764300500000,
  OutcomesAnalytics1764300600000,
  MatchingRounds1764300700000,
  AppInstance1764300800000,
  AnalyticsIndexes1764300900000,
  ImportsOutcomesKind1764301000000,
  MatchingRunRegions1764301100000,
  Accounts1764301200000,
  Monitoring1764301500000,
  MonitoringAttention1764301600000,
  MonitoringTotals1764301700000,
  ImportsFormats1764301900000,
  NationalRegions1764302000000,
  MatchingRunParts1764302500000,
];
