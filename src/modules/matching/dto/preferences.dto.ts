import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, Min } from 'class-validator';
import { MAX_PREFERENCES } from '../matching.constants';

export class PreferencesDto {
  @ApiProperty({ type: [Number], maxItems: MAX_PREFERENCES, description: 'Open slots, best first' })
  @IsArray()
  @ArrayMaxSize(MAX_PREFERENCES)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  slotIds: number[];
}

export class RankingDto {
  @ApiProperty({ type: [Number], maxItems: 1000, description: 'Candidates, most wanted first' })
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  studentIds: number[];
}
