import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../contracts';

export const POLICY_KEY = 'opstage:policy';

export type RoutePolicy = { kind: 'public' } | { kind: 'roles'; role: Role } | { kind: 'agent' };

/** No authentication. Every route must declare a policy; the global guard denies the rest. */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(POLICY_KEY, { kind: 'public' } satisfies RoutePolicy);

/**
 * An operator session with at least this role (owner ⊃ operator ⊃ viewer). Mutating requests
 * also need the session's CSRF token in `X-CSRF-Token`.
 */
export const Roles = (role: Role): MethodDecorator & ClassDecorator =>
  SetMetadata(POLICY_KEY, { kind: 'roles', role } satisfies RoutePolicy);

/** A bearer agent token belonging to the `:agentId` path parameter. */
export const AgentAuth = (): MethodDecorator & ClassDecorator =>
  SetMetadata(POLICY_KEY, { kind: 'agent' } satisfies RoutePolicy);
