import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/http/pagination.dto';
import type { AgentStatus } from '../agent.entity';

export const AGENT_STATUSES: AgentStatus[] = ['PENDING', 'ONLINE', 'OFFLINE', 'DISABLED', 'REVOKED'];

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class ListAgentsQueryDto extends PaginationQueryDto {
  /** Effective status (decision 15). */
  @ApiPropertyOptional({ enum: AGENT_STATUSES })
  @IsOptional()
  @IsIn(AGENT_STATUSES)
  status?: AgentStatus;

  /** Case-insensitive substring of code or name. */
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  q?: string;
}
