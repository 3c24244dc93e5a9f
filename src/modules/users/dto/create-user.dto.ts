import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Role } from '../../../common/auth/role.enum';
import { DisplayName } from './display-name';

export class CreateUserDto {
  @ApiProperty({ example: 'admin.smkn1@sekolah.id' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @DisplayName()
  name: string;

  @ApiProperty({
    minLength: 10,
    description: 'Refused with weak_password when too easy to guess (zxcvbn score below 3)',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ description: 'Required for school_admin and teacher' })
  @IsOptional()
  @IsInt()
  @Min(1)
  schoolId?: number;

  @ApiPropertyOptional({ description: 'Required for company_admin and mentor' })
  @IsOptional()
  @IsInt()
  @Min(1)
  companyId?: number;

  @ApiPropertyOptional({ description: 'Required for student' })
  @IsOptional()
  @IsInt()
  @Min(1)
  studentId?: number;

  @ApiPropertyOptional({
    description: 'Coordinator only: BPS codes of the regions they cover',
    type: [String],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @Matches(/^\d{4}$/, { each: true, message: 'each region code must be 4 digits' })
  regionCodes?: string[];
}
