import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { PaginationQueryDto } from '../../common/http/pagination.dto';

/** `GET /api/admin/bus/events`: exact-match filters, newest first. */
export class ListBusEventsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  eventType?: string;

  @ApiPropertyOptional({ description: 'Source service code.' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  serviceCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^agt_/, { message: 'agentId must start with agt_' })
  agentId?: string;
}
