import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { BusRouteInput, BusRouteStatus } from '../../contracts';

export const BUS_ROUTE_STATUSES: BusRouteStatus[] = ['ENABLED', 'DISABLED', 'DRY_RUN'];

export class RouteMatchDto {
  @ApiProperty({ example: 'demo.item.created', description: 'Exact event type.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'match.eventType must not be blank' })
  eventType!: string;

  @ApiPropertyOptional({ nullable: true, description: 'Only events from this service; absent or null = any source.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  sourceServiceCode?: string | null;
}

export class RouteTargetDto {
  @ApiProperty({ description: 'Code of the service whose action runs.' })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  serviceCode!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  actionName!: string;
}

/** Body of `POST /api/admin/bus/routes` and `PUT /api/admin/bus/routes/:routeId` (docs/capsule-bus.md, "Route body"). */
export class BusRouteDto implements BusRouteInput {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ enum: BUS_ROUTE_STATUSES, default: 'DISABLED' })
  @IsOptional()
  @IsIn(BUS_ROUTE_STATUSES, { message: `status must be one of ${BUS_ROUTE_STATUSES.join(', ')}` })
  status?: BusRouteStatus;

  @ApiProperty({ type: RouteMatchDto })
  @IsObject({ message: 'match must be an object' })
  @ValidateNested()
  @Type(() => RouteMatchDto)
  match!: RouteMatchDto;

  @ApiProperty({ type: RouteTargetDto })
  @IsObject({ message: 'target must be an object' })
  @ValidateNested()
  @Type(() => RouteTargetDto)
  target!: RouteTargetDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Action payload template: { "<field>": "$.payload.path" | literal } (docs/capsule-bus.md). On PUT, absent = keep.',
  })
  @IsOptional()
  @IsObject({ message: 'inputMapping must be an object' })
  inputMapping?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Free-form; key-redacted. On PUT, absent = keep.',
  })
  @IsOptional()
  @IsObject({ message: 'metadata must be an object' })
  metadata?: Record<string, unknown>;
}
