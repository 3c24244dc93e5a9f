import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { CompetenciesModule } from '../competencies/competencies.module';
import { RegionsModule } from '../regions/regions.module';
import { SchoolsModule } from '../schools/schools.module';
import { ApprenticeSeatsModule } from './apprentice-seats.module';
import { SlotsController } from './slots.controller';
import { SlotsService } from './slots.service';

@Module({
  imports: [
    ApprenticeSeatsModule,
    CompaniesModule,
    RegionsModule,
    SchoolsModule,
    CompetenciesModule,
  ],
  controllers: [SlotsController],
  providers: [SlotsService],
  exports: [SlotsService],
})
export class SlotsModule {}
