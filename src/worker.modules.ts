import type { Type } from '@nestjs/common';
import { MatchingWorkerModule } from './modules/matching/matching-worker.module';
import { PlacementsWorkerModule } from './modules/placements/placements-worker.module';
import { ImportsWorkerModule } from './modules/imports/imports-worker.module';
import { MonitoringWorkerModule } from './modules/monitoring/monitoring-worker.module';
import { NotificationsWorkerModule } from './modules/notifications/notifications-worker.module';

/**
 * Modules that hold Bull processors. They are loaded by src/worker.ts, and by the API
 * process only when RUN_WORKER is set, so API replicas never consume jobs by accident.
 */
export const WORKER_MODULES: Type[] = [
  MatchingWorkerModule,
  PlacementsWorkerModule,
  ImportsWorkerModule,
  NotificationsWorkerModule,
  MonitoringWorkerModule,
];
