import { Module } from '@nestjs/common';
import { SlotsModule } from '../slots/slots.module';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { CompaniesController } from './companies.controller';
import { CompaniesService } from './companies.service';

@Module({
  imports: [SlotsModule],
  controllers: [CompaniesController, AgreementsController],
  providers: [CompaniesService, AgreementsService],
  exports: [CompaniesService],
})
export class CompaniesModule {}
