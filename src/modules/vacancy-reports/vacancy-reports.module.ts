import { Module } from '@nestjs/common';
import { VacancyReportsController } from './vacancy-reports.controller';
import { VacancyReportsService } from './vacancy-reports.service';

@Module({
  controllers: [VacancyReportsController],
  providers: [VacancyReportsService],
})
export class VacancyReportsModule {}
