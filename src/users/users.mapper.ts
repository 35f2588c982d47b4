import type { UserEntity } from './user.entity';
import type { PublicUser } from '../contracts';

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
