import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LOCALES, type Locale } from './problem-text';

/**
 * `lang`: the language of a file made for people (its headers, its reasons): Indonesian unless
 * asked otherwise. The console asks for its own.
 */
export class LocaleQueryDto {
  @ApiPropertyOptional({
    enum: LOCALES,
    default: 'id',
    description: "the file's language: Indonesian (id) or English (en)",
  })
  @IsOptional()
  @IsIn(LOCALES)
  lang: Locale = 'id';
}
