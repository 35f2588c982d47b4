import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/http/pagination.dto';
import type { CreateScheduleRequest, ScheduleKind, UpdateScheduleRequest } from '../../contracts';

export const SCHEDULE_KINDS: ScheduleKind[] = ['cron', 'once'];

/** Fields a create and an update share; `cron`, `runAt` and `timeZone` are judged by the service (422 with paths). */
class ScheduleFieldsDto {
  @ApiPropertyOptional({ description: 'Five fields: minute hour day-of-month month day-of-week (kind cron)' })
  @IsOptional()
  @IsString({ message: 'cron must be a string' })
  @MaxLength(120)
  cron?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 time in the future (kind once)' })
  @IsOptional()
  @IsString({ message: 'runAt must be an ISO-8601 time' })
  @MaxLength(40)
  runAt?: string;

  @ApiPropertyOptional({ description: 'IANA time zone the cron expression is read in', default: 'UTC' })
  @IsOptional()
  @IsString({ message: 'timeZone must be a string' })
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Validated against the action inputSchema, as for an execute.',
  })
  @IsOptional()
  @IsObject({ message: 'payload must be an object' })
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be a boolean' })
  enabled?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Skip a planned run while the previous run is not terminal.' })
  @IsOptional()
  @IsBoolean({ message: 'skipIfRunning must be a boolean' })
  skipIfRunning?: boolean;

  @ApiPropertyOptional({ description: 'Required (true) for requiresConfirmation, HIGH or CRITICAL actions.' })
  @IsOptional()
  @IsBoolean({ message: 'confirm must be a boolean' })
  confirm?: boolean;
}

export class CreateScheduleDto extends ScheduleFieldsDto implements CreateScheduleRequest {
  @ApiProperty({ maxLength: 100 })
  @IsString({ message: 'name must be a string' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  name!: string;

  @ApiProperty({ description: 'The Capsule Service (svc_…)' })
  @IsString({ message: 'serviceId must be a string' })
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'serviceId must be a service id' })
  serviceId!: string;

  @ApiProperty()
  @IsString({ message: 'actionName must be a string' })
  @MinLength(1, { message: 'actionName must not be empty' })
  @MaxLength(200)
  actionName!: string;

  @ApiProperty({ enum: SCHEDULE_KINDS })
  @IsIn(SCHEDULE_KINDS, { message: 'kind must be cron or once' })
  kind!: ScheduleKind;
}

export class UpdateScheduleDto extends ScheduleFieldsDto implements UpdateScheduleRequest {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString({ message: 'name must be a string' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ enum: SCHEDULE_KINDS })
  @IsOptional()
  @IsIn(SCHEDULE_KINDS, { message: 'kind must be cron or once' })
  kind?: ScheduleKind;
}

export class ListSchedulesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Only schedules of this service' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  serviceId?: string;
}
