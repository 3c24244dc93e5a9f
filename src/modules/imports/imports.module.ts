import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { School } from '../schools/school.entity';
import { ImportRowError } from './import-row-error.entity';
import { Import } from './import.entity';
import { IMPORTS_QUEUE } from './imports.constants';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** The API side: stores uploads and enqueues them. The processor is in ImportsWorkerModule. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Import, ImportRowError, School]),
    BullModule.registerQueue({ name: IMPORTS_QUEUE }),
  ],
  controllers: [ImportsController],
  providers: [ImportsService],
  exports: [BullModule],
})
export class ImportsModule {}
