import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module';
import { SchoolsModule } from '../schools/schools.module';
import { IMPORTS_QUEUE, IMPORTS_QUEUE_SETTINGS } from './imports.constants';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

/** The API side: stores uploads and enqueues them. The processor is in ImportsWorkerModule. */
@Module({
  imports: [
    SchoolsModule,
    RegionsModule,
    BullModule.registerQueue({ name: IMPORTS_QUEUE, settings: IMPORTS_QUEUE_SETTINGS }),
  ],
  controllers: [ImportsController],
  providers: [ImportsRepository, ImportsService],
  exports: [BullModule, ImportsRepository],
})
export class ImportsModule {}
