import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { CompetenciesModule } from '../competencies/competencies.module';
import { RegionsModule } from '../regions/regions.module';
import { VacancyReportsController } from './vacancy-reports.controller';
import { VacancyReportsRepository } from './vacancy-reports.repository';
import { VacancyReportsService } from './vacancy-reports.service';

@Module({
  imports: [CompaniesModule, RegionsModule, CompetenciesModule],
  controllers: [VacancyReportsController],
  providers: [VacancyReportsService, VacancyReportsRepository],
  exports: [VacancyReportsService],
})
export class VacancyReportsModule {}
