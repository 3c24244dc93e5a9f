import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IdListQuery, PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import { ISO_DATE, NIK, NISN } from '../students.rules';
import { Gender, StudentStatus } from '../students.types';

export class CreateStudentDto {
  @ApiProperty({ example: '0071234567', description: 'Exactly 10 digits, unique nationally' })
  @Matches(NISN, { message: 'nisn must be exactly 10 digits' })
  nisn: string;

  @ApiProperty({
    example: '3604012345670001',
    description: '16 digits, the first two a province code; stored encrypted',
  })
  @IsString()
  @Matches(NIK, { message: 'nik must be exactly 16 digits' })
  nik: string;

  @ApiProperty({ example: 'Siti Rahmawati' })
  @IsString()
  @MinLength(2)
  @MaxLength(150)
  name: string;

  @ApiProperty({ example: '2008-05-17' })
  @Matches(ISO_DATE, { message: 'birthDate must be a date YYYY-MM-DD' })
  birthDate: string;

  @ApiProperty({ enum: Gender, description: 'L (laki-laki) or P (perempuan)' })
  @IsEnum(Gender)
  gender: Gender;

  @ApiPropertyOptional({
    description: 'Required for admin/coordinator; a school_admin gets their own',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  schoolId?: number;

  @ApiProperty({ example: 'TKR', description: 'A programme the school runs' })
  @IsString()
  @MaxLength(20)
  programCode: string;

  @ApiProperty({ example: '3604' })
  @Matches(/^\d{4}$/, { message: 'domicileRegionCode must be 4 digits' })
  domicileRegionCode: string;

  @ApiProperty({ example: 2024 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  enrolmentYear: number;

  @ApiPropertyOptional({ example: 2027, type: Number, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(2000)
  @Max(2100)
  graduationYear?: number | null;

  @ApiPropertyOptional({ enum: StudentStatus, default: StudentStatus.Enrolled })
  @IsOptional()
  @IsEnum(StudentStatus)
  status?: StudentStatus;

  @ApiPropertyOptional({ description: 'Required (true) for a student under 18' })
  @IsOptional()
  @IsBoolean()
  parentalConsent?: boolean;

  @ApiPropertyOptional({ example: '081234567890' })
  @IsOptional()
  @Matches(/^\+?\d{8,15}$/, { message: 'phone must be 8-15 digits, optionally with +' })
  phone?: string;

  @ApiPropertyOptional({ example: 'siti@example.id' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class UpdateStudentDto extends PartialType(CreateStudentDto) {}

export class ListStudentsQuery extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  schoolId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20)
  programCode?: string;

  @ApiPropertyOptional({ description: 'Domicile region (BPS code)' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'regionCode must be 4 digits' })
  regionCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  graduationYear?: number;

  @ApiPropertyOptional({ enum: StudentStatus })
  @IsOptional()
  @IsEnum(StudentStatus)
  status?: StudentStatus;

  @ApiPropertyOptional({ description: 'Name (prefix of any word... contains) or an exact NISN' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @IdListQuery()
  ids?: number[];
}

/** A student in a list: no birth date, and the NIK only masked (lists are never audited). */
export class StudentListItemDto {
  @ApiProperty() id: number;
  @ApiProperty() nisn: string;
  @ApiProperty({ example: '3604********0001' }) nikMasked: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Gender }) gender: Gender;
  @ApiProperty() schoolId: number;
  @ApiProperty() programCode: string;
  @ApiProperty() domicileRegionCode: string;
  @ApiProperty() enrolmentYear: number;
  @ApiProperty({ type: Number, nullable: true }) graduationYear: number | null;
  @ApiProperty({ enum: StudentStatus }) status: StudentStatus;
}

/** One student: `nik` is the full NIK only in the student's own GET, masked everywhere else. */
export class StudentResponseDto extends StudentListItemDto {
  @ApiProperty({
    description:
      "Full only in the student's own GET; masked (3604********0001) otherwise, PATCH answers included",
  })
  nik: string;

  @ApiProperty() birthDate: string;
  @ApiProperty() parentalConsent: boolean;
  @ApiProperty() phone: string;
  @ApiProperty() email: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class StudentPageDto {
  @ApiProperty({ type: [StudentListItemDto] }) items: StudentListItemDto[];
  @ApiProperty() meta: PageMetaDto;
}
