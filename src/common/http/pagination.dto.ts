import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, ValidateBy } from 'class-validator';
import type { Pagination } from '../../contracts';

const toNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/** Highest page number accepted: beyond it the offset would leave what the database can address. */
export const MAX_PAGE = 1_000_000;

/** Only judges integers, so `page=abc` gets one issue (not an integer), not two. */
const AtMostMaxPage = ValidateBy({
  name: 'atMostMaxPage',
  validator: {
    validate: (value: unknown) => typeof value !== 'number' || !Number.isInteger(value) || value <= MAX_PAGE,
    defaultMessage: () => `page must be at most ${MAX_PAGE}`,
  },
});

/**
 * `page`/`pageSize` as in the reference: out-of-range numbers are clamped (page ≥ 1, pageSize 1..100, default
 * 20); anything that is not an integer, and a page above MAX_PAGE, is 422, never a 500.
 */
export class PaginationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Transform(toNumber)
  @IsInt({ message: 'page must be an integer' })
  @AtMostMaxPage
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(toNumber)
  @IsInt({ message: 'pageSize must be an integer' })
  pageSize?: number;
}

export interface PageRequest {
  page: number;
  pageSize: number;
  offset: number;
}

export function pageRequest(query: PaginationQueryDto): PageRequest {
  const page = Math.max(1, query.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, query.pageSize ?? 20));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export function pagination(req: PageRequest, total: number): Pagination {
  return { page: req.page, pageSize: req.pageSize, total };
}
