import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PaginationQueryDto } from '../../common/http/pagination.dto';
import type { RegistrationTokenStatus } from '../../contracts';

export const DEFAULT_TOKEN_TTL_SECONDS = 86_400;
export const MAX_TOKEN_TTL_SECONDS = 2_592_000;
export const CODE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

export class CreateRegistrationTokenDto {
  @ApiPropertyOptional({ default: 'Default registration token', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  /** Default 24 h; at most 30 days; `null` only when explicitly sent = never expires (docs/design/decisions.md,
   * "Registration token lifetime and revoke"). */
  @ApiPropertyOptional({
    minimum: 60,
    maximum: MAX_TOKEN_TTL_SECONDS,
    default: DEFAULT_TOKEN_TTL_SECONDS,
    nullable: true,
  })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(60)
  @Max(MAX_TOKEN_TTL_SECONDS)
  expiresInSeconds?: number | null;

  /** Binds the token to one agent code (docs/design/decisions.md, "Re-registration needs a bound token"). */
  @ApiPropertyOptional({ maxLength: 80 })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  @Matches(CODE_PATTERN, { message: 'agentCode must match ^[a-z0-9][a-z0-9_-]*$' })
  agentCode?: string;
}

export const TOKEN_STATUSES: RegistrationTokenStatus[] = ['ACTIVE', 'USED', 'REVOKED', 'EXPIRED'];

export class ListRegistrationTokensQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: TOKEN_STATUSES })
  @IsOptional()
  @IsIn(TOKEN_STATUSES)
  status?: RegistrationTokenStatus;
}
