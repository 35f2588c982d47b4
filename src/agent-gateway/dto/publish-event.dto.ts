import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { BusEventRequest } from '@opstage/agent-node/protocol';
import {
  IsBoolean,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class RoutePolicyDto implements NonNullable<BusEventRequest['routePolicy']> {
  @ApiPropertyOptional({ description: 'Only record what the matching routes would do; create no command.' })
  @IsOptional()
  @IsBoolean({ message: 'routePolicy.dryRun must be a boolean' })
  dryRun?: boolean;
}

/** `POST /api/agents/:agentId/bus/events`: implements the wire type `BusEventRequest`. */
export class PublishEventDto implements BusEventRequest {
  @ApiProperty({ example: 'demo.item.created' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'eventType must not be blank' })
  eventType!: string;

  @ApiProperty({ description: 'Code of a service owned by the calling agent.' })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  sourceServiceCode!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Key-redacted before storage.' })
  @IsOptional()
  @IsObject({ message: 'payload must be an object' })
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Key-redacted before storage.' })
  @IsOptional()
  @IsObject({ message: 'metadata must be an object' })
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  correlationId?: string;

  @ApiPropertyOptional({ description: 'Id (bev_…) of the stored event that caused this one; sets the depth.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  causationId?: string;

  @ApiPropertyOptional({ description: 'ISO-8601; default now.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO-8601 date-time' })
  occurredAt?: string;

  @ApiPropertyOptional({ type: RoutePolicyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RoutePolicyDto)
  routePolicy?: RoutePolicyDto;
}
