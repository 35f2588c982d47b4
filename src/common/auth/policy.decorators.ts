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

export const TOKEN_ACCESS_KEY = 'opstage:token-access';
export const TOKEN_SCOPE_KEY = 'opstage:token-scope';

/**
 * How an API token may use a `@Roles` route (docs/api-tokens-and-cli.md, "What a token can reach"). Without this
 * metadata a viewer/operator route takes tokens at its own role and an owner route refuses them.
 */
export type TokenAccess = { kind: 'session-only' } | { kind: 'token-role'; role: Exclude<Role, 'owner'> };

/** Refuses API tokens with 403 `API_TOKEN_SESSION_ONLY` (token management, sessions, anything a person must do). */
export const SessionOnly = (): MethodDecorator & ClassDecorator =>
  SetMetadata(TOKEN_ACCESS_KEY, { kind: 'session-only' } satisfies TokenAccess);

/** Lets a token of at least `role` call a route whose session minimum is higher (the nightly backup). */
export const TokenRole = (role: Exclude<Role, 'owner'>): MethodDecorator & ClassDecorator =>
  SetMetadata(TOKEN_ACCESS_KEY, { kind: 'token-role', role } satisfies TokenAccess);

/**
 * What a token limited to labelled services may do here. `service`/`command`: the guard checks the
 * `:serviceId`/`:commandId` target; `filtered`: the service narrows the list to the scope itself. Routes without
 * it refuse scoped tokens with 403 `API_TOKEN_OUT_OF_SCOPE` (deny by default).
 */
export type TokenScopeTarget = 'service' | 'command' | 'filtered';

export const TokenScope = (target: TokenScopeTarget): MethodDecorator & ClassDecorator =>
  SetMetadata(TOKEN_SCOPE_KEY, target);
