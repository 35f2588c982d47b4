import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsoDateTimeFilter } from '../../common/http/iso-date';
import { PaginationQueryDto } from '../../common/http/pagination.dto';
import { SearchTerm, csvList } from '../../common/http/query-list';
import { COMMAND_STATUSES, COMMAND_TYPES } from '../command-state';
import type { CommandStatus, CommandType } from '../../contracts';

export class ListCommandsQueryDto extends PaginationQueryDto {
  /** One or more statuses, comma-separated (`FAILED,EXPIRED`); open commands past their deadline count as EXPIRED. */
  @ApiPropertyOptional({ description: `One or more (comma-separated) of ${COMMAND_STATUSES.join(', ')}` })
  @IsOptional()
  @Transform(csvList)
  @IsArray()
  @IsIn(COMMAND_STATUSES, { each: true, message: `status must be one or more of ${COMMAND_STATUSES.join(', ')}` })
  status?: CommandStatus[];

  @ApiPropertyOptional({ enum: COMMAND_TYPES })
  @IsOptional()
  @IsIn(COMMAND_TYPES, { message: `type must be one of ${COMMAND_TYPES.join(', ')}` })
  type?: CommandType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 128)
  actionName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^agt_/, { message: 'agentId must start with agt_' })
  agentId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^svc_/, { message: 'serviceId must start with svc_' })
  serviceId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^usr_/, { message: 'createdByUserId must start with usr_' })
  createdByUserId?: string;

  @SearchTerm('Case-insensitive substring of the command id, action name, error code or error message.')
  q?: string;

  @ApiPropertyOptional({ description: 'Inclusive lower bound on createdAt (ISO-8601).' })
  @IsOptional()
  @IsoDateTimeFilter('from must be an ISO-8601 date-time')
  from?: string;

  @ApiPropertyOptional({ description: 'Inclusive upper bound on createdAt (ISO-8601).' })
  @IsOptional()
  @IsoDateTimeFilter('to must be an ISO-8601 date-time')
  to?: string;
}
