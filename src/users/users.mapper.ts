import type { Role } from '../common/auth/role';
import type { UserEntity, UserStatus } from './user.entity';

/** The only user shape that leaves the server; the password hash is never mapped. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string | null;
  role: Role;
  status: UserStatus;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toPublicUser(user: Omit<UserEntity, 'usernameKey'>): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    status: user.status,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
