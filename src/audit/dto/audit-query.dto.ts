import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsoDateTimeFilter } from '../../common/http/iso-date';
import { PaginationQueryDto } from '../../common/http/pagination.dto';
import { SearchTerm } from '../../common/http/query-list';
import type { AuditActorType, AuditResult } from '../../contracts';

export const AUDIT_ACTOR_TYPES: readonly AuditActorType[] = ['USER', 'AGENT', 'SYSTEM', 'API_TOKEN'];
export const AUDIT_RESULTS: readonly AuditResult[] = ['SUCCESS', 'FAILURE'];
export const AUDIT_EXPORT_FORMATS = ['json', 'csv'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** Filters of the audit list and export (docs/operators.md, "Audit log"); `format` is accepted and ignored by the
 * list, as in the reference. */
export class AuditQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_ACTOR_TYPES })
  @IsOptional()
  @IsIn(AUDIT_ACTOR_TYPES)
  actorType?: AuditActorType;

  @ApiPropertyOptional({ enum: AUDIT_RESULTS })
  @IsOptional()
  @IsIn(AUDIT_RESULTS)
  result?: AuditResult;

  @ApiPropertyOptional({ description: 'Exact action name', maxLength: 160 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(160)
  action?: string;

  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  targetType?: string;

  @ApiPropertyOptional({ maxLength: 160 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(160)
  targetId?: string;

  @SearchTerm('Case-insensitive substring of the action, target type or id, actor id or message.')
  q?: string;

  @ApiPropertyOptional({
    description: 'Inclusive lower bound on createdAt (ISO-8601, e.g. 2026-01-31 or 2026-01-31T12:00:00Z)',
  })
  @IsOptional()
  @IsoDateTimeFilter('from must be an ISO-8601 date-time')
  from?: string;

  @ApiPropertyOptional({ description: 'Inclusive upper bound on createdAt (ISO-8601)' })
  @IsOptional()
  @IsoDateTimeFilter('to must be an ISO-8601 date-time')
  to?: string;

  @ApiPropertyOptional({ enum: AUDIT_EXPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(AUDIT_EXPORT_FORMATS)
  format?: AuditExportFormat;
}
