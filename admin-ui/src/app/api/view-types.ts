/**
 * Console-only view types: how the console handles values, not what the server sends. The admin
 * API's wire types come from `@opstage/contracts` (src/contracts, shared with the server).
 */

/** An agent-provided JSON object (payloads, schemas, details), read defensively. */
export type JsonObject = Record<string, unknown>;

/** Query values accepted by list helpers; empty values are dropped before sending. */
export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
