import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/http/pagination.dto';
import { SearchTerm, csvList } from '../../common/http/query-list';
import type { HealthStatus, ServiceEffectiveStatus } from '../../contracts';

export const SERVICE_STATUSES: ServiceEffectiveStatus[] = ['UNKNOWN', 'HEALTHY', 'UNHEALTHY', 'STALE', 'OFFLINE'];
export const HEALTH_STATUSES: HealthStatus[] = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'];

/** A label filter item: key, a colon, and the value (which may contain colons). */
const LABEL_FILTER = /^[A-Za-z0-9._/-]{1,63}:.*$/;

export class ListServicesQueryDto extends PaginationQueryDto {
  /** Effective status, computed in SQL (docs/design/decisions.md, "Lists filter on the effective status"); several as
   * `UNHEALTHY,STALE,OFFLINE`. */
  @ApiPropertyOptional({ description: `One or more (comma-separated) of ${SERVICE_STATUSES.join(', ')}` })
  @IsOptional()
  @Transform(csvList)
  @IsArray()
  @IsIn(SERVICE_STATUSES, { each: true, message: `status must be one or more of ${SERVICE_STATUSES.join(', ')}` })
  status?: ServiceEffectiveStatus[];

  @ApiPropertyOptional({ enum: HEALTH_STATUSES })
  @IsOptional()
  @IsIn(HEALTH_STATUSES)
  healthStatus?: HealthStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^agt_/, { message: 'agentId must start with agt_' })
  @MaxLength(40)
  agentId?: string;

  @SearchTerm('Case-insensitive substring of code, name or id.')
  q?: string;

  /** Manifest labels, `key:value` pairs separated by commas; every pair must match. */
  @ApiPropertyOptional({
    description: 'Manifest labels as key:value, comma-separated (all must match), e.g. team:billing,region:emea',
  })
  @IsOptional()
  @Transform(csvList)
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(LABEL_FILTER, {
    each: true,
    message: 'label must be key:value pairs (key 1-63 of letters, digits, . _ / -)',
  })
  @MaxLength(200, { each: true })
  label?: string[];
}

export function parseLabelFilter(items: readonly string[] | undefined): { key: string; value: string }[] {
  return (items ?? []).map((item) => {
    const at = item.indexOf(':');
    return { key: item.slice(0, at), value: item.slice(at + 1) };
  });
}

export class ReassignServiceDto {
  @ApiPropertyOptional()
  @IsString()
  @Matches(/^agt_[A-Za-z0-9_-]{1,36}$/, { message: 'agentId must start with agt_' })
  agentId!: string;
}
