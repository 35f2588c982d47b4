import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import type { PollCommandsQuery } from '@opstage/agent-node/protocol';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { HandChecked, isPlainRecord } from '../../common/http/hand-checked';

/** The most commands one poll hands out, as in the reference protocol. */
export const MAX_POLL_LIMIT = 10;

const toNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
/** A larger integer asks for "as many as you give": the reference clamps it, and its agents send e.g. 20. */
const toClampedLimit = (params: { value: unknown }): unknown => {
  const n = toNumber(params);
  return typeof n === 'number' && Number.isInteger(n) && n > MAX_POLL_LIMIT ? MAX_POLL_LIMIT : n;
};

/** Plain decimal integers up to 9 digits; `05`, ` 5`, `1e1` and the like go to the full pipe. */
const PLAIN_INTEGER = /^(?:0|[1-9][0-9]{0,8})$/;

/**
 * Valid poll queries (`waitSeconds=30`, `limit=10`) without class-transformer and class-validator;
 * anything else goes to the full pipe, so its 422s are unchanged (docs/performance.md, "Agent hot path").
 */
function handCheckPollQuery(value: unknown): PollCommandsQueryDto | undefined {
  if (!isPlainRecord(value)) return undefined;
  const dto = new PollCommandsQueryDto();
  for (const key of Object.keys(value)) {
    const text = value[key];
    if (typeof text !== 'string' || !PLAIN_INTEGER.test(text)) return undefined;
    const n = Number(text);
    if (key === 'limit' && n >= 1) dto.limit = Math.min(n, MAX_POLL_LIMIT);
    else if (key === 'waitSeconds' && n <= 30) dto.waitSeconds = n;
    else return undefined;
  }
  return dto;
}

/**
 * `limit` ≥ 1, above 10 clamped to 10 (default 10); `waitSeconds` 0..30 (default 0 = the reference's
 * immediate answer). Non-numbers, fractions and values below the minimum are 422.
 */
@HandChecked(handCheckPollQuery)
export class PollCommandsQueryDto implements PollCommandsQuery {
  @ApiPropertyOptional({ minimum: 1, default: MAX_POLL_LIMIT, description: 'Values above 10 are treated as 10.' })
  @IsOptional()
  @Transform(toClampedLimit)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 30, default: 0 })
  @IsOptional()
  @Transform(toNumber)
  @IsInt({ message: 'waitSeconds must be an integer' })
  @Min(0, { message: 'waitSeconds must be between 0 and 30' })
  @Max(30, { message: 'waitSeconds must be between 0 and 30' })
  waitSeconds?: number;
}
