import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IdListQuery, PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import { Company } from '../company.entity';

export class CreateCompanyDto {
  @ApiProperty({ example: '9120001234567', description: 'NIB: 13 digits' })
  @Matches(/^\d{13}$/, { message: 'nib must be exactly 13 digits' })
  nib: string;

  @ApiProperty({ example: 'PT Krakatau Baja Cilegon' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '24101', description: 'KBLI 2020: a section letter or 2–5 digits' })
  @Matches(/^([A-U]|\d{2,5})$/, {
    message: 'kbliCode must be a KBLI section letter or 2 to 5 digits',
  })
  kbliCode: string;

  @ApiProperty({ example: '3672' })
  @Matches(/^\d{4}$/, { message: 'regionCode must be a 4-digit BPS code' })
  regionCode: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiProperty({ example: 250, description: 'Number of employees' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  workforceSize: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(150)
  contactName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,30}$/, { message: 'contactPhone must be a phone number' })
  contactPhone?: string;
}

export class UpdateCompanyDto extends PartialType(CreateCompanyDto) {}

/** What a company_admin may change about their own company. */
export class UpdateOwnCompanyDto extends PartialType(
  PickType(CreateCompanyDto, [
    'address',
    'workforceSize',
    'contactName',
    'contactEmail',
    'contactPhone',
  ] as const),
) {}

export class ListCompaniesQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: '3672' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'regionCode must be a 4-digit BPS code' })
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Part of the name or the NIB' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ description: 'true: only verified; false: only unverified' })
  @IsOptional()
  @Type(() => String)
  @Matches(/^(true|false)$/, { message: 'verified must be true or false' })
  verified?: string;

  @IdListQuery()
  ids?: number[];
}

export class CompanyDto {
  @ApiProperty() id: number;
  @ApiProperty() nib: string;
  @ApiProperty() name: string;
  @ApiProperty() kbliCode: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() address: string;
  @ApiProperty() workforceSize: number;
  @ApiProperty({ description: 'At most 20 % of the workforce (Permenaker 6/2020)' })
  apprenticeLimit: number;
  @ApiProperty() contactName: string;
  @ApiProperty() contactEmail: string;
  @ApiProperty() contactPhone: string;
  @ApiProperty({ type: String, nullable: true }) verifiedAt: string | null;

  /** `apprenticeLimit`: the quota rule's limit for its workforce (slots.rules). */
  static from(company: Company, apprenticeLimit: number): CompanyDto {
    return {
      id: company.id,
      nib: company.nib,
      name: company.name,
      kbliCode: company.kbliCode,
      regionCode: company.regionCode,
      address: company.address,
      workforceSize: company.workforceSize,
      apprenticeLimit,
      contactName: company.contactName,
      contactEmail: company.contactEmail,
      contactPhone: company.contactPhone,
      verifiedAt: company.verifiedAt ? company.verifiedAt.toISOString() : null,
    };
  }
}

export class CompanyPageDto {
  @ApiProperty({ type: [CompanyDto] }) items: CompanyDto[];
  @ApiProperty() meta: PageMetaDto;
}
