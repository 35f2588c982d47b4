import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PaginationQueryDto } from '../../common/http/pagination.dto';
import type { ApiTokenRole, ApiTokenStatus } from '../../contracts';

export const DEFAULT_API_TOKEN_DAYS = 90;
export const MAX_API_TOKEN_DAYS = 365;
export const API_TOKEN_ROLES: ApiTokenRole[] = ['viewer', 'operator'];
export const API_TOKEN_STATUSES: ApiTokenStatus[] = ['ACTIVE', 'REVOKED', 'EXPIRED'];
/** The same `key:value` form as the services list's `label` filter. */
export const SCOPE_LABEL = /^[A-Za-z0-9._/-]{1,63}:.{1,200}$/;
export const SERVICE_ACCOUNT = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export class CreateApiTokenDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  /** Never `owner` (docs/api-tokens-and-cli.md, "Creating a token"). */
  @ApiProperty({ enum: API_TOKEN_ROLES })
  @IsIn(API_TOKEN_ROLES, { message: 'role must be viewer or operator (tokens never carry owner)' })
  role!: ApiTokenRole;

  /** Exactly one of `userId` and `serviceAccount`. */
  @ApiPropertyOptional({ description: 'The user the token acts for (usr_…)' })
  @IsOptional()
  @IsString()
  @Matches(/^usr_[A-Za-z0-9]{1,36}$/, { message: 'userId must be a user id (usr_…)' })
  userId?: string;

  @ApiPropertyOptional({ description: 'A service account name: lower-case letters, digits, . _ -' })
  @IsOptional()
  @IsString()
  @Matches(SERVICE_ACCOUNT, { message: 'serviceAccount must match ^[a-z0-9][a-z0-9._-]{0,62}$' })
  serviceAccount?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_API_TOKEN_DAYS, default: DEFAULT_API_TOKEN_DAYS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_API_TOKEN_DAYS)
  expiresInDays?: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'Only services whose manifest labels match all of these key:value pairs (e.g. team:billing)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Matches(SCOPE_LABEL, { each: true, message: 'scope items must be key:value (key 1-63 of letters, digits, . _ / -)' })
  scope?: string[];
}

export class ListApiTokensQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: API_TOKEN_STATUSES })
  @IsOptional()
  @IsIn(API_TOKEN_STATUSES)
  status?: ApiTokenStatus;
}
