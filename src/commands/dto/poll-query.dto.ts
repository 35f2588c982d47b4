import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const toNumber = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

/** `limit` 1..10 (default 10), `waitSeconds` 0..30 (default 0 = REF's immediate answer); garbage is 422. */
export class PollCommandsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: 10 })
  @IsOptional()
  @Transform(toNumber)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be between 1 and 10' })
  @Max(10, { message: 'limit must be between 1 and 10' })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 30, default: 0 })
  @IsOptional()
  @Transform(toNumber)
  @IsInt({ message: 'waitSeconds must be an integer' })
  @Min(0, { message: 'waitSeconds must be between 0 and 30' })
  @Max(30, { message: 'waitSeconds must be between 0 and 30' })
  waitSeconds?: number;
}
