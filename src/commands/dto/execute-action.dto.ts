import type { ExecuteActionRequest, RetryCommandRequest } from '../../contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional } from 'class-validator';

export class ExecuteActionDto implements ExecuteActionRequest {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Validated against the action inputSchema.',
  })
  @IsOptional()
  @IsObject({ message: 'payload must be an object' })
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Required (true) for requiresConfirmation, HIGH or CRITICAL actions.' })
  @IsOptional()
  @IsBoolean({ message: 'confirmation must be a boolean' })
  confirmation?: boolean;
}

export class RetryCommandDto implements RetryCommandRequest {
  @ApiPropertyOptional({
    description: 'Required (true) when retrying a requiresConfirmation, HIGH or CRITICAL action.',
  })
  @IsOptional()
  @IsBoolean({ message: 'confirmation must be a boolean' })
  confirmation?: boolean;
}
