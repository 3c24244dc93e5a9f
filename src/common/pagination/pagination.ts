import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
/** Far beyond any list (100 million rows at the largest page), and an OFFSET SQL can take. */
export const MAX_PAGE = 1_000_000;

/**
 * `page` and `pageSize` of a list, pageSize up to `maxPageSize`: lists of rows take
 * MAX_PAGE_SIZE; a reference list small enough to fetch whole (the country's 514 regions) more.
 */
export function PageQuery(maxPageSize = MAX_PAGE_SIZE) {
  class PageQueryBase {
    @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(MAX_PAGE)
    page: number = 1;

    @ApiPropertyOptional({ minimum: 1, maximum: maxPageSize, default: 20 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(maxPageSize)
    pageSize: number = 20;

    get skip(): number {
      return (this.page - 1) * this.pageSize;
    }
  }
  return PageQueryBase;
}

export class PageQueryDto extends PageQuery() {}

/**
 * `ids=3,7,12` on a list: only those rows (still scoped by the access policy), so a page can
 * fetch the names its rows point to in one call. Up to a page's size of ids.
 */
export function IdListQuery(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      description: `Comma-separated ids, at most ${MAX_PAGE_SIZE}: only those rows`,
      example: '3,7,12',
    }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string'
        ? value.split(',').map((id) => (/^\d{1,10}$/.test(id.trim()) ? Number(id) : NaN))
        : value,
    ),
    IsInt({ each: true, message: 'ids must be positive integers separated by commas' }),
    Min(1, { each: true, message: 'ids must be positive integers separated by commas' }),
    ArrayMaxSize(MAX_PAGE_SIZE, { message: `ids may name at most ${MAX_PAGE_SIZE} rows` }),
  );
}

export class PageMetaDto {
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export interface Page<T> {
  items: T[];
  meta: PageMetaDto;
}

export function toPage<T>(items: T[], total: number, query: PageQueryDto): Page<T> {
  return { items, meta: { page: query.page, pageSize: query.pageSize, total } };
}
