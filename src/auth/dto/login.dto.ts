import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { PublicUser } from '../../users/users.mapper';

export class LoginDto {
  @ApiProperty({ minLength: 1 })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  username!: string;

  @ApiProperty({ minLength: 1, writeOnly: true })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export interface LoginResponse {
  user: PublicUser;
  csrfToken: string;
  expiresAt: string;
  /**
   * True when the cookie was marked Secure but the request came over plain HTTP: the browser
   * will drop it, and the console explains why instead of spinning (troubleshooting guide).
   */
  cookieSecureOverHttp: boolean;
}
