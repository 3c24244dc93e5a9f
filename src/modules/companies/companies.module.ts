import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module';
import { SchoolsModule } from '../schools/schools.module';
import { AgreementsController } from './agreements.controller';
import { AgreementsRepository } from './agreements.repository';
import { AgreementsService } from './agreements.service';
import { CompaniesController } from './companies.controller';
import { CompaniesRepository } from './companies.repository';
import { CompaniesService } from './companies.service';

/** Companies and their agreements. The apprentice quota (ApprenticeSeats) comes from slots. */
@Module({
  imports: [RegionsModule, SchoolsModule],
  controllers: [CompaniesController, AgreementsController],
  providers: [CompaniesService, CompaniesRepository, AgreementsService, AgreementsRepository],
  exports: [CompaniesService],
})
export class CompaniesModule {}
