import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/http/pagination.dto';
import type { HealthStatus } from '../capsule-service.entity';
import type { ServiceEffectiveStatus } from '../service-status';

export const SERVICE_STATUSES: ServiceEffectiveStatus[] = ['UNKNOWN', 'HEALTHY', 'UNHEALTHY', 'STALE', 'OFFLINE'];
export const HEALTH_STATUSES: HealthStatus[] = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'];

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class ListServicesQueryDto extends PaginationQueryDto {
  /** Effective status, computed in SQL (decision 15). */
  @ApiPropertyOptional({ enum: SERVICE_STATUSES })
  @IsOptional()
  @IsIn(SERVICE_STATUSES)
  status?: ServiceEffectiveStatus;

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

  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  q?: string;
}

export class ReassignServiceDto {
  @ApiPropertyOptional()
  @IsString()
  @Matches(/^agt_[A-Za-z0-9_-]{1,36}$/, { message: 'agentId must start with agt_' })
  agentId!: string;
}
