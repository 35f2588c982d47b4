import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PaginationQueryDto } from '../../common/http/pagination.dto';
import type {
  NotificationAlertState,
  NotificationChannelType,
  NotificationDeliveryStatus,
  NotificationEventType,
  NotificationSeverity,
} from '../../contracts';

export const CHANNEL_TYPES: NotificationChannelType[] = ['webhook', 'slack', 'teams', 'discord', 'email'];
export const EVENT_TYPES: NotificationEventType[] = [
  'agent.offline',
  'service.unhealthy',
  'command.failed',
  'approval.requested',
];
export const SEVERITIES: NotificationSeverity[] = ['info', 'warning', 'critical'];
export const ALERT_STATES: NotificationAlertState[] = ['pending', 'firing', 'resolved', 'cancelled'];
export const DELIVERY_STATUSES: NotificationDeliveryStatus[] = ['pending', 'sent', 'failed'];
/** A day: longer delays would hide an outage rather than a flap. */
export const MAX_DELAY_SECONDS = 86_400;
/** A week between reminders at most. */
export const MAX_REMINDER_MINUTES = 10_080;
const ID = /^[a-z]{2,8}_[A-Za-z0-9]{1,40}$/;

export class CreateNotificationChannelDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: CHANNEL_TYPES })
  @IsIn(CHANNEL_TYPES)
  type!: NotificationChannelType;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  /** Checked per type by the service (docs/notifications.md, "Channels"); errors carry `settings.<field>` paths. */
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Settings of the channel type' })
  @IsObject()
  settings!: Record<string, unknown>;
}

/** `type` cannot change. */
export class UpdateNotificationChannelDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Replaces the settings' })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;
}

export class NotificationLabelDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9._/-]{1,63}$/, { message: 'key must be 1-63 letters, digits, . _ / -' })
  key!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  value!: string;
}

export class CreateNotificationRuleDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiProperty({ enum: EVENT_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true })
  events!: NotificationEventType[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(ID, { each: true, message: 'each channel id must look like nch_…' })
  channelIds!: string[];

  @ApiPropertyOptional({ type: [NotificationLabelDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => NotificationLabelDto)
  labels?: NotificationLabelDto[];

  @ApiPropertyOptional({ enum: SEVERITIES, default: 'info' })
  @IsOptional()
  @IsIn(SEVERITIES)
  minSeverity?: NotificationSeverity;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_DELAY_SECONDS, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DELAY_SECONDS)
  delaySeconds?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_REMINDER_MINUTES, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_REMINDER_MINUTES)
  reminderMinutes?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  notifyRecovery?: boolean;
}

/** Every field optional; `channelIds` replaces the list. */
export class UpdateNotificationRuleDto extends PartialType(CreateNotificationRuleDto) {}

export class ListAlertsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATES })
  @IsOptional()
  @IsIn(ALERT_STATES)
  state?: NotificationAlertState;
}

export class ListDeliveriesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  channelId?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: NotificationDeliveryStatus;
}
