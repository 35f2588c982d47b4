import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/http/pagination.dto';
import { csvList } from '../../common/http/query-list';
import type { AgentStatus } from '../agent.entity';

export const AGENT_STATUSES: AgentStatus[] = ['PENDING', 'ONLINE', 'OFFLINE', 'DISABLED', 'REVOKED'];

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class ListAgentsQueryDto extends PaginationQueryDto {
  /** Effective status (decision 15); several as `OFFLINE,DISABLED`. */
  @ApiPropertyOptional({ description: `One or more (comma-separated) of ${AGENT_STATUSES.join(', ')}` })
  @IsOptional()
  @Transform(csvList)
  @IsArray()
  @IsIn(AGENT_STATUSES, { each: true, message: `status must be one or more of ${AGENT_STATUSES.join(', ')}` })
  status?: AgentStatus[];

  /** Case-insensitive substring of code, name or id. */
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  q?: string;
}
