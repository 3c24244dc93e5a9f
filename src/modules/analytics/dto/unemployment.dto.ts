import { ApiProperty } from '@nestjs/swagger';
import { UnemploymentGrouping } from './analytics.query';

export class UnemploymentFiguresDto {
  @ApiProperty({ description: 'Graduates of the year in the group' }) graduates: number;
  @ApiProperty({ description: 'Graduates with no outcome recorded: not in any figure below' })
  withoutOutcome: number;
  @ApiProperty({ description: 'Employed, in an apprenticeship or self-employed' }) working: number;
  @ApiProperty() unemployed: number;
  @ApiProperty({ description: 'Studying or not in the labour force' }) outsideLabourForce: number;
  @ApiProperty({ description: 'working + unemployed' }) labourForce: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'unemployed / labourForce (0–1, 4 decimals); null without a labour force',
  })
  rate: number | null;
}

export class UnemploymentRowDto extends UnemploymentFiguresDto {
  @ApiProperty() year: number;
  @ApiProperty({ description: 'Region code, school id or programme code' }) key: string;
  @ApiProperty() label: string;
}

export class UnemploymentTotalDto extends UnemploymentFiguresDto {
  @ApiProperty() year: number;
}

export class UnemploymentReportDto {
  @ApiProperty({ enum: UnemploymentGrouping }) groupBy: UnemploymentGrouping;
  @ApiProperty() fromYear: number;
  @ApiProperty() toYear: number;
  @ApiProperty({ type: [UnemploymentRowDto] }) rows: UnemploymentRowDto[];
  @ApiProperty({ type: [UnemploymentTotalDto], description: 'Per year, over the rows shown' })
  totals: UnemploymentTotalDto[];
}
