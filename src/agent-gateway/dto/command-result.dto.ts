import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CommandResultBody } from '@opstage/agent-node/protocol';
import { IsBoolean, IsDefined, IsISO8601, IsObject, IsOptional, IsString } from 'class-validator';

/**
 * The result body of the reference protocol; `startedAt`/`finishedAt` are kept for reference, the
 * server clock decides. `error` is typed as an arbitrary object on purpose: agents of the reference
 * protocol send arbitrary shapes there (the other fields implement `CommandResultBody` exactly).
 */
export class CommandResultDto implements Omit<CommandResultBody, 'error'> {
  @ApiProperty()
  @IsDefined({ message: 'success is required' })
  @IsBoolean({ message: 'success must be a boolean' })
  success!: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'message must be a string' })
  message?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject({ message: 'data must be an object' })
  data?: Record<string, unknown>;

  /** `{code, message, details}`; a non-string code falls back to ACTION_FAILED, so the shape is checked loosely. */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { code: 'ACTION_FAILED', message: 'why', details: {} },
  })
  @IsOptional()
  @IsObject({ message: 'error must be an object' })
  error?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'startedAt must be an ISO-8601 date-time' })
  startedAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'finishedAt must be an ISO-8601 date-time' })
  finishedAt?: string;
}
