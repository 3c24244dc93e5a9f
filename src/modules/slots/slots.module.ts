import { Module } from '@nestjs/common';
import { ApprenticeQuotaService } from './apprentice-quota.service';
import { SlotsController } from './slots.controller';
import { SlotsService } from './slots.service';

@Module({
  controllers: [SlotsController],
  providers: [SlotsService, ApprenticeQuotaService],
  exports: [SlotsService, ApprenticeQuotaService],
})
export class SlotsModule {}
