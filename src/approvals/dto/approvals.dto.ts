import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { DANGER_LEVELS } from '../../settings/approval-settings.service';
import type { ApprovalSettings, ApproveCommandRequest, DangerLevel, RejectCommandRequest } from '../../contracts';

/** An approval needs no words; when the approver writes some, the audit event keeps them. */
export class ApproveCommandDto implements ApproveCommandRequest {
  @ApiPropertyOptional({ maxLength: 500, description: 'Why it was approved; kept in the command.approved audit event' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'comment must be a string' })
  @MaxLength(500)
  comment?: string;
}

export class RejectCommandDto implements RejectCommandRequest {
  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Why the request was rejected; the requester reads it' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'comment must be a string' })
  @MinLength(1, { message: 'comment must not be empty' })
  @MaxLength(500)
  comment!: string;
}

/** Partial update of the four-eyes settings (owner only). */
export class UpdateApprovalSettingsDto implements Partial<ApprovalSettings> {
  @ApiPropertyOptional({
    enum: DANGER_LEVELS,
    isArray: true,
    description: 'Danger levels whose executes need a second person; [] turns approval off',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DANGER_LEVELS.length)
  @IsIn(DANGER_LEVELS, { each: true, message: `each value must be one of ${DANGER_LEVELS.join(', ')}` })
  dangerLevels?: DangerLevel[];

  @ApiPropertyOptional({ minimum: 60, maximum: 604800, description: 'Seconds a request waits for a decision' })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(604_800)
  approvalTtlSeconds?: number;
}
