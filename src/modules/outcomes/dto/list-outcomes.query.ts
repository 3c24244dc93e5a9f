import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { OutcomeStatus } from '../outcomes.types';

export class ListOutcomesQuery extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  studentId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  schoolId?: number;

  @ApiPropertyOptional({ enum: OutcomeStatus })
  @IsOptional()
  @IsEnum(OutcomeStatus)
  status?: OutcomeStatus;

  @ApiPropertyOptional({ description: 'Only each graduate’s latest outcome', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  latestOnly?: boolean;
}
