import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { ProviderType } from '../course.entity';

export class CourseUnitInputDto {
  @ApiProperty({ example: 'C.293000.001.01' })
  @IsString()
  @MaxLength(32)
  unitCode: string;

  @ApiProperty({ minimum: 1, maximum: 5, description: 'The level a student who passes reaches' })
  @IsInt()
  @Min(1)
  @Max(5)
  level: number;
}

export class CreateCourseDto {
  @ApiProperty({ example: 'BLK-SRG-OTO-01', description: 'Unique course code' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$/, {
    message: 'code must be 2–32 letters, digits, dots, dashes or underscores',
  })
  code: string;

  @ApiProperty({ example: 'Servis Sepeda Motor Injeksi' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: ProviderType })
  @IsEnum(ProviderType)
  providerType: ProviderType;

  @ApiPropertyOptional({
    description: 'Required for a training centre or company; defaults to the school name',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  providerName?: string;

  @ApiPropertyOptional({ description: 'Required when providerType is school' })
  @IsOptional()
  @IsInt()
  @Min(1)
  providerSchoolId?: number;

  @ApiPropertyOptional({ description: 'Optional link to a registered company (provider company)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  providerCompanyId?: number;

  @ApiProperty({ minimum: 1, maximum: 5000 })
  @IsInt()
  @Min(1)
  @Max(5000)
  hours: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ type: [CourseUnitInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CourseUnitInputDto)
  units: CourseUnitInputDto[];
}

/** Everything but the code may change; `units`, when given, replaces the whole list. */
export class UpdateCourseDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  hours?: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: [CourseUnitInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CourseUnitInputDto)
  units?: CourseUnitInputDto[];
}

export class ListCoursesQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the code or title' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ProviderType })
  @IsOptional()
  @IsEnum(ProviderType)
  providerType?: ProviderType;

  @ApiPropertyOptional({ description: 'Courses that teach this unit' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  unitCode?: string;
}
