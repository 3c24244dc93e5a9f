import { safeError } from './common/logging/safe-error';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AccessModule } from './common/access/access.module';
import { HttpEdgeModule } from './common/http/http-edge.module';
import { CryptoModule } from './common/crypto/crypto.module';
import { QueueBoardModule } from './common/queue/queue-board.module';
import { QueueModule } from './common/queue/queue.module';
import { RedisModule } from './common/redis/redis.module';
import {
  allConfigs,
  appConfig,
  AppConfig,
  databaseConfig,
  DatabaseConfig,
} from './config/configuration';
import { typeOrmOptions } from './database/typeorm-options';
import { HealthModule } from './health/health.module';
import { AuthModule } from './modules/auth/auth.module';
import { CohortsModule } from './modules/cohorts/cohorts.module';
import { CoursesModule } from './modules/courses/courses.module';
import { RegionsModule } from './modules/regions/regions.module';
import { SchoolsModule } from './modules/schools/schools.module';
import { StudentsModule } from './modules/students/students.module';
import { AuditModule } from './modules/audit/audit.module';
import { CompetenciesModule } from './modules/competencies/competencies.module';
import { ImportsModule } from './modules/imports/imports.module';
import { UsersModule } from './modules/users/users.module';
import { UsersPortsModule } from './modules/users/users-ports.module';
import { OutcomesModule } from './modules/outcomes/outcomes.module';
import { CompaniesModule } from './modules/companies/companies.module';
import { MatchingModule } from './modules/matching/matching.module';
import { PlacementsModule } from './modules/placements/placements.module';
import { SlotsModule } from './modules/slots/slots.module';
import { VacancyReportsModule } from './modules/vacancy-reports/vacancy-reports.module';
import { AnalyticsModule } from './modules/analytics/analytics.module';
import { MonitoringModule } from './modules/monitoring/monitoring.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { WebConsoleModule } from './web-console.module';
import { WORKER_MODULES } from './worker.modules';

export interface AppModuleOptions {
  /** Include the Bull processors (the worker entry point, or RUN_WORKER in development). */
  worker: boolean;
}

@Module({})
export class AppModule {
  /** Reads and validates the configuration: throws ConfigValidationError naming the variable. */
  static register(options: AppModuleOptions): DynamicModule {
    const features: Type[] = [
      HealthModule,
      AuthModule,
      CompaniesModule,
      SlotsModule,
      VacancyReportsModule,
      PlacementsModule,
      MonitoringModule,
      MatchingModule,
      UsersModule,
      UsersPortsModule,
      RegionsModule,
      CoursesModule,
      CohortsModule,
      SchoolsModule,
      StudentsModule,
      AuditModule,
      CompetenciesModule,
      ImportsModule,
      OutcomesModule,
      AnalyticsModule,
      NotificationsModule,
      QueueBoardModule,
    ];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: allConfigs }),
        LoggerModule.forRootAsync({
          inject: [appConfig.KEY],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              level: config.logLevel,
              // assignRequestId (src/common/http) set it before the body was read.
              genReqId: (req: IncomingMessage) =>
                (req as IncomingMessage & { id?: string }).id ?? randomUUID(),
              customProps: () => ({ context: 'HTTP' }),
              // Errors logged anywhere (HTTP, jobs) keep no row values: see safeError.
              serializers: { err: safeError },
              redact: {
                paths: [
                  'req.headers.authorization',
                  'req.headers.cookie',
                  'res.headers["set-cookie"]',
                ],
                censor: '[redacted]',
              },
              autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
            },
          }),
        }),
        TypeOrmModule.forRootAsync({
          inject: [databaseConfig.KEY],
          useFactory: (config: DatabaseConfig) => typeOrmOptions(config),
        }),
        RedisModule,
        CryptoModule,
        AccessModule,
        QueueModule,
        ...features,
        // After the features: its guards run once the auth guard has found the user.
        HttpEdgeModule,
        ...(options.worker ? WORKER_MODULES : []),
        // Last: its index.html fallback answers only what no API route did.
        WebConsoleModule.register(),
      ],
    };
  }
}
