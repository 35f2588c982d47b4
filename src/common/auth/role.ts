import type { Role } from '../../contracts';

export const ROLES = ['viewer', 'operator', 'owner'] as const satisfies readonly Role[];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, owner: 2 };

/** owner ⊃ operator ⊃ viewer. */
export function roleAtLeast(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
