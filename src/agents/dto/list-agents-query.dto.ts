import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '../../common/http/pagination.dto';
import { SearchTerm, csvList } from '../../common/http/query-list';
import type { AgentStatus } from '../../contracts';

export const AGENT_STATUSES: AgentStatus[] = ['PENDING', 'ONLINE', 'OFFLINE', 'DISABLED', 'REVOKED'];

export class ListAgentsQueryDto extends PaginationQueryDto {
  /** Effective status (docs/design/decisions.md, "Lists filter on the effective status"); several as `OFFLINE,DISABLED`. */
  @ApiPropertyOptional({ description: `One or more (comma-separated) of ${AGENT_STATUSES.join(', ')}` })
  @IsOptional()
  @Transform(csvList)
  @IsArray()
  @IsIn(AGENT_STATUSES, { each: true, message: `status must be one or more of ${AGENT_STATUSES.join(', ')}` })
  status?: AgentStatus[];

  @SearchTerm('Case-insensitive substring of code, name or id.')
  q?: string;
}
