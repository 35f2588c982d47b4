import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Min } from 'class-validator';

/** At most this many items per bulk request. */
export const BULK_MAX = 100;

/** Every bulk request repeats how many items the operator confirmed (typed once in the console). */
abstract class Confirmed {
  @ApiProperty({ description: 'The number of distinct ids, as confirmed by the operator' })
  @IsInt()
  @Min(1)
  confirmCount!: number;
}

export const BULK_AGENT_OPERATIONS = ['disable', 'enable', 'revoke'] as const;
export type BulkAgentOperation = (typeof BULK_AGENT_OPERATIONS)[number];

export class BulkAgentsDto extends Confirmed {
  @ApiProperty({ enum: BULK_AGENT_OPERATIONS })
  @IsIn(BULK_AGENT_OPERATIONS)
  operation!: BulkAgentOperation;

  @ApiProperty({ type: [String], maxItems: BULK_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX)
  @Matches(/^agt_[A-Za-z0-9_-]{1,60}$/, { each: true, message: 'agentIds must be agt_ ids' })
  agentIds!: string[];
}

export class BulkCancelDto extends Confirmed {
  @ApiProperty({ type: [String], maxItems: BULK_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX)
  @Matches(/^cmd_[A-Za-z0-9_-]{1,60}$/, { each: true, message: 'commandIds must be cmd_ ids' })
  commandIds!: string[];
}

export class BulkExecuteDto extends Confirmed {
  @ApiProperty()
  @IsString()
  @Length(1, 128)
  actionName!: string;

  @ApiProperty({ type: [String], maxItems: BULK_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX)
  @Matches(/^svc_[A-Za-z0-9_-]{1,60}$/, { each: true, message: 'serviceIds must be svc_ ids' })
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
