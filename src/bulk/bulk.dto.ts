import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Min } from 'class-validator';
import { IdList } from '../common/http/query-list';
import type { BulkAgentOperation, BulkAgentsRequest, BulkCancelRequest, BulkExecuteRequest } from '../contracts';

/** At most this many items per bulk request. */
export const BULK_MAX = 100;

/** Every bulk request repeats how many items the operator confirmed (typed once in the console). */
abstract class Confirmed {
  @ApiProperty({ description: 'The number of distinct ids, as confirmed by the operator' })
  @IsInt()
  @Min(1)
  confirmCount!: number;
}

export const BULK_AGENT_OPERATIONS = ['disable', 'enable', 'revoke'] as const satisfies readonly BulkAgentOperation[];

export class BulkAgentsDto extends Confirmed implements BulkAgentsRequest {
  @ApiProperty({ enum: BULK_AGENT_OPERATIONS })
  @IsIn(BULK_AGENT_OPERATIONS)
  operation!: BulkAgentOperation;

  @IdList('agt', BULK_MAX)
  agentIds!: string[];
}

export class BulkCancelDto extends Confirmed implements BulkCancelRequest {
  @IdList('cmd', BULK_MAX)
  commandIds!: string[];
}

export class BulkExecuteDto extends Confirmed implements BulkExecuteRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 128)
  actionName!: string;

  @IdList('svc', BULK_MAX)
  serviceIds!: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  confirmation?: boolean;
}
