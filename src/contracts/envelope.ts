/** The envelope and pagination every admin endpoint answers with (docs/api.md, "API conventions"). */

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
}

/** A list answer as a reader holds it: the envelope's `data` (the items) and its `pagination`. */
export interface Paged<T> {
  readonly items: T[];
  readonly pagination: Pagination;
}

/** `{success: true}` with the handler's answer in `data`; lists add `pagination`. */
export interface SuccessEnvelope<T> {
  success: true;
  data: T;
  pagination?: Pagination;
}

/** Every failure: a stable `code` (docs/api.md, "API conventions"); `details` never on a 5xx. */
export interface ErrorEnvelope {
  success: false;
  error: {
    code: string;
    message: string;
    details?: unknown;
    requestId?: string;
  };
}
