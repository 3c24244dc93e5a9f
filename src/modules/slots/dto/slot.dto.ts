import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import { SlotStatus } from '../slots.types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SlotRequirementDto {
  @ApiProperty({ example: 'C.293000.001.01' })
  @IsString()
  @MinLength(2)
  @MaxLength(32)
  unit: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  minLevel: number;

  @ApiPropertyOptional({ minimum: 0.01, maximum: 100, default: 1 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  weight?: number;
}

export class CreateSlotDto {
  @ApiPropertyOptional({
    description:
      'Required for admins and coordinators; a company_admin creates for their own company',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  companyId?: number;

  @ApiProperty({ example: 'Magang Mekanik Alat Berat' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;

  @ApiProperty()
  @IsString()
  @MaxLength(5000)
  description: string;

  @ApiProperty({ example: '3672' })
  @Matches(/^\d{4}$/, { message: 'regionCode must be a 4-digit BPS code' })
  regionCode: string;

  @ApiProperty({ type: [SlotRequirementDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SlotRequirementDto)
  requirements: SlotRequirementDto[];

  @ApiPropertyOptional({ type: [String], description: 'Accepted programmes; empty or absent: any' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  programCodes?: string[];

  @ApiProperty({ minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity: number;

  @ApiProperty({ example: '2026-07-01' })
  @Matches(DATE, { message: 'startDate must be a date YYYY-MM-DD' })
  startDate: string;

  @ApiProperty({ example: '2026-12-31' })
  @Matches(DATE, { message: 'endDate must be a date YYYY-MM-DD' })
  endDate: string;

  @ApiPropertyOptional({ description: 'Uang saku per month, rupiah', default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  stipend?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(150)
  mentorName?: string;

  @ApiPropertyOptional({ enum: [SlotStatus.Draft, SlotStatus.Open], default: SlotStatus.Draft })
  @IsOptional()
  @IsIn([SlotStatus.Draft, SlotStatus.Open])
  status?: SlotStatus.Draft | SlotStatus.Open;
}

export class UpdateSlotDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ type: [SlotRequirementDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SlotRequirementDto)
  requirements?: SlotRequirementDto[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  programCodes?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(DATE, { message: 'startDate must be a date YYYY-MM-DD' })
  startDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(DATE, { message: 'endDate must be a date YYYY-MM-DD' })
  endDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  stipend?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(150)
  mentorName?: string;
}

export class ListSlotsQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: '3672' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'regionCode must be a 4-digit BPS code' })
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Slots that require this unit' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  unit?: string;

  @ApiPropertyOptional({
    description: 'Slots open to this programme (listing it, or listing none)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  programCode?: string;

  @ApiPropertyOptional({ description: 'Slots running on this day' })
  @IsOptional()
  @Matches(DATE, { message: 'date must be a date YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({
    enum: SlotStatus,
    description: 'Admins, coordinators and the company only',
  })
  @IsOptional()
  @IsIn(Object.values(SlotStatus))
  status?: SlotStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  companyId?: number;

  @ApiPropertyOptional({ description: 'Part of the title' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class SlotDto {
  @ApiProperty() id: number;
  @ApiProperty() companyId: number;
  @ApiProperty({
    description: "The company's name: students, who may not read companies, see it here",
  })
  companyName: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ type: [SlotRequirementDto] }) requirements: SlotRequirementDto[];
  @ApiProperty({ type: [String] }) programCodes: string[];
  @ApiProperty() capacity: number;
  @ApiProperty({ description: 'Accepted + active placements' }) filled: number;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
  @ApiProperty() stipend: number;
  @ApiProperty() mentorName: string;
  @ApiProperty({ enum: SlotStatus }) status: SlotStatus;
}

export class SlotPageDto {
  @ApiProperty({ type: [SlotDto] }) items: SlotDto[];
  @ApiProperty() meta: PageMetaDto;
}
