import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/pagination/pagination';

export class SupplyDemandRowDto {
  @ApiProperty() regionCode: string;
  @ApiProperty() regionName: string;
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ description: 'Graduates of the year, domiciled here, holding the unit' })
  supply: number;
  @ApiProperty({ type: [Number], description: 'Of the supply, holders at level 1..5' })
  supplyByLevel: number[];
  @ApiProperty({ description: 'Unfilled seats (capacity − filled) of open slots needing it' })
  slotSeats: number;
  @ApiProperty({ description: 'Reported vacancies naming the unit in the periods' })
  vacancies: number;
  @ApiProperty({ description: 'slotSeats + vacancies' }) demand: number;
  @ApiProperty({ description: 'demand − supply: positive is a shortage of graduates' })
  gap: number;
}

export class SupplyDemandRegionDto {
  @ApiProperty() regionCode: string;
  @ApiProperty() regionName: string;
  @ApiProperty({ description: 'Sum of the supply over the units (holders, per unit)' })
  supply: number;
  @ApiProperty() demand: number;
  @ApiProperty() gap: number;
}

export class SupplyDemandReportDto {
  @ApiProperty() year: number;
  @ApiProperty() fromPeriod: string;
  @ApiProperty() toPeriod: string;
  @ApiProperty({ type: [SupplyDemandRowDto] }) items: SupplyDemandRowDto[];
  @ApiProperty() meta: PageMetaDto;
  @ApiProperty({ type: [SupplyDemandRegionDto], description: 'Every filtered row, per region' })
  regions: SupplyDemandRegionDto[];
}
