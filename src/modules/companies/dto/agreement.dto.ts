import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import { Agreement } from '../agreement.entity';

export class CreateAgreementDto {
  @ApiPropertyOptional({
    description: 'Required unless the caller is a school_admin (their own school)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  schoolId?: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  companyId: number;

  @ApiProperty({ example: '421.5/123-SMKN1/2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  documentNumber: string;

  @ApiProperty({ example: '2026-01-01' })
  @IsDateString({ strict: true }, { message: 'validFrom must be a date YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be a date YYYY-MM-DD' })
  validFrom: string;

  @ApiProperty({ example: '2028-12-31' })
  @IsDateString({ strict: true }, { message: 'validUntil must be a date YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validUntil must be a date YYYY-MM-DD' })
  validUntil: string;

  @ApiProperty({ type: [String], example: ['TKR', 'TPM'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  programCodes: string[];
}

export class ListAgreementsQuery extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validOn must be a date YYYY-MM-DD' })
  validOn?: string;
}

export class AgreementDto {
  @ApiProperty() id: number;
  @ApiProperty() schoolId: number;
  @ApiProperty() companyId: number;
  @ApiProperty() documentNumber: string;
  @ApiProperty() validFrom: string;
  @ApiProperty() validUntil: string;
  @ApiProperty({ type: [String] }) programCodes: string[];

  static from(agreement: Agreement, programCodes: string[]): AgreementDto {
    return {
      id: agreement.id,
      schoolId: agreement.schoolId,
      companyId: agreement.companyId,
      documentNumber: agreement.documentNumber,
      validFrom: agreement.validFrom,
      validUntil: agreement.validUntil,
      programCodes,
    };
  }
}

export class AgreementPageDto {
  @ApiProperty({ type: [AgreementDto] }) items: AgreementDto[];
  @ApiProperty() meta: PageMetaDto;
}
