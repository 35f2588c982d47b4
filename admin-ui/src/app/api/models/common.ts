/** Shapes shared by every admin endpoint (docs/api.md, "API conventions"). */

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
}

export interface Page<T> {
  items: T[];
  pagination: Pagination;
}

export interface SuccessEnvelope<T> {
  success: true;
  data: T;
  pagination?: Pagination;
}

export interface ErrorEnvelope {
  success: false;
  error: {
    code: string;
    message: string;
    details?: unknown;
    requestId?: string;
  };
}

export type JsonObject = Record<string, unknown>;

export type Role = 'owner' | 'operator' | 'viewer';

/** Query values accepted by list helpers; empty values are dropped before sending. */
export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
