/**
 * Builders for action results (sdk/README.md, "Result helpers") and the internal normalisation of whatever a
 * handler returns into the wire result body.
 */

import { redactText, redactValue } from './logging.js';
import type { CommandResultBody, JsonObject } from './protocol.js';
import type {
  ActionHandlerReturn,
  ActionPrepareResult,
  ActionResult,
  ActionResultData,
  ResultDetail,
  ResultLinkAction,
  ResultList,
} from './types.js';

/** Options of {@link actionSuccess}. */
export interface ActionSuccessOptions {
  /** Summary message. */
  message?: string;
  /** Top-level keys of `data` that are one-time secrets (shown once, then redacted). */
  oneTimeFields?: string[];
}

/**
 * Successful result.
 *
 * @example
 * ```ts
 * return actionSuccess({ generatedKey: key, keyId }, { message: 'Key created', oneTimeFields: ['generatedKey'] });
 * ```
 * @param data - result data
 * @param options - message and one-time fields
 */
export function actionSuccess(data?: ActionResultData, options: ActionSuccessOptions = {}): ActionResult {
  const result: ActionResult = { success: true };
  if (options.message !== undefined) result.message = options.message;
  if (data !== undefined) {
    result.data = options.oneTimeFields ? withOneTimeFields(data, ...options.oneTimeFields) : { ...data };
  }
  return result;
}

/**
 * Failed result with a stable code (shown in the command list as `errorCode`).
 *
 * @example
 * ```ts
 * if (!payload.accountId) return actionFailure('INVALID_PAYLOAD', 'accountId is required');
 * ```
 * @param code - stable error code (≤80 chars)
 * @param message - human readable reason (≤500 chars)
 * @param details - optional details
 */
export function actionFailure(code: string, message: string, details?: JsonObject): ActionResult {
  const error: ActionResult['error'] = { code, message };
  if (details !== undefined) error.details = details;
  return { success: false, message, error };
}

/**
 * Marks top-level keys of `data` as one-time secrets: the backend stores them sealed and shows
 * them only to the first operator who opens the command (docs/actions-and-commands.md, "Sealed secrets").
 * `generatedKey` is always one-time.
 *
 * @example
 * ```ts
 * return { success: true, data: withOneTimeFields({ password: pw, user }, 'password') };
 * ```
 * @param data - result data
 * @param fields - keys of `data` to mark
 * @returns a copy of `data` with `oneTimeFields` set
 */
export function withOneTimeFields(data: ActionResultData, ...fields: string[]): ActionResultData {
  const merged = new Set([...(data.oneTimeFields ?? []), ...fields]);
  return { ...data, oneTimeFields: [...merged] };
}

/**
 * Table result placed under `data.list`. Keep the raw array beside it for API consumers.
 *
 * @example
 * ```ts
 * return actionSuccess({ accounts, list: resultTable({ title: 'Accounts', data: accounts,
 *   columns: [{ key: 'id', label: 'ID', format: 'code' }],
 *   rowActions: [resultAction('Disable', 'disable-account', { id: rowRef('id') }, { danger: true })] }) });
 * ```
 * @param list - table description
 */
export function resultTable(list: ResultList): ResultList {
  return { ...list, data: [...list.data] };
}

/**
 * Detail card placed under `data.detail` (or `currentState.detail` of a prepare result).
 *
 * @example
 * ```ts
 * return actionSuccess({ detail: resultDetail({ title: 'Account', data: account, fields: [{ key: 'email' }] }) });
 * ```
 * @param detail - card description
 */
export function resultDetail(detail: ResultDetail): ResultDetail {
  return { ...detail, data: { ...detail.data } };
}

/**
 * A row/page/detail action linking to another action of the same service.
 *
 * @example
 * ```ts
 * resultAction('Rotate', 'rotate-credentials', { accountId: rowRef('id') }, { danger: true })
 * ```
 * @param label - button text
 * @param action - target action name
 * @param payload - payload template (`rowRef()` values are substituted per row)
 * @param options - `danger`, `confirm`
 */
export function resultAction(
  label: string,
  action: string,
  payload?: JsonObject,
  options: Pick<ResultLinkAction, 'danger' | 'confirm'> = {},
): ResultLinkAction {
  const link: ResultLinkAction = { label, action, ...options };
  if (payload !== undefined) link.payload = payload;
  return link;
}

/**
 * Placeholder for a row value in a {@link ResultLinkAction} payload: `rowRef('id')` → `"$row.id"`.
 *
 * @param path - dot path into the row
 */
export function rowRef(path: string): string {
  return `$row.${path}`;
}

const RESULT_KEYS = new Set(['success', 'message', 'data', 'error']);

function isPlainObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isActionResult(value: JsonObject): value is JsonObject & ActionResult {
  return typeof value['success'] === 'boolean' && Object.keys(value).every((key) => RESULT_KEYS.has(key));
}

/** Cuts a string to `max` characters. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Converts a handler return value into a result body (internal). */
export function toResultBody(value: ActionHandlerReturn): CommandResultBody {
  if (value === undefined || value === null) return { success: true };
  if (!isPlainObject(value)) return { success: true, data: { value } };
  if (!isActionResult(value)) return { success: true, data: value };
  const body: CommandResultBody = { success: value.success };
  if (typeof value.message === 'string') body.message = value.message;
  if (isPlainObject(value.data)) body.data = value.data;
  if (!value.success) {
    const error: JsonObject = isPlainObject(value.error) ? value.error : {};
    const code = typeof error['code'] === 'string' && error['code'] !== '' ? error['code'] : 'ACTION_FAILED';
    const message = typeof error['message'] === 'string' ? error['message'] : (body.message ?? 'Action failed.');
    body.error = { code: clip(code, 80), message: clip(message, 500) };
    if (isPlainObject(error['details'])) body.error.details = error['details'];
  }
  return body;
}

/** Converts a prepare return value into a result body (internal). */
export function toPrepareBody(value: ActionPrepareResult | undefined): CommandResultBody {
  const data: JsonObject = {};
  if (value && isPlainObject(value)) {
    if (isPlainObject(value.action)) data['action'] = value.action;
    if (isPlainObject(value.initialPayload)) data['initialPayload'] = value.initialPayload;
    if (isPlainObject(value.currentState)) data['currentState'] = value.currentState;
  }
  return { success: true, data };
}

/**
 * Form defaults of a JSON-Schema-like object: each property's `default`, else the zero value of
 * its type (internal; used when an action has no `prepare`).
 */
export function schemaDefaults(schema: JsonObject | undefined): JsonObject {
  const out: JsonObject = {};
  const properties = schema?.['properties'];
  if (!isPlainObject(properties)) return out;
  for (const [key, raw] of Object.entries(properties)) {
    const prop = isPlainObject(raw) ? raw : {};
    if ('default' in prop) {
      out[key] = prop['default'];
      continue;
    }
    switch (prop['type']) {
      case 'number':
      case 'integer':
        out[key] = 0;
        break;
      case 'boolean':
        out[key] = false;
        break;
      case 'array':
        out[key] = [];
        break;
      case 'object':
        out[key] = {};
        break;
      default:
        out[key] = '';
    }
  }
  return out;
}

/**
 * Failure body for a thrown error (internal): the error's own string `code` when it has one,
 * else `fallbackCode`; message token-redacted and clipped.
 */
export function errorToResultBody(error: unknown, fallbackCode: string): CommandResultBody {
  let code = fallbackCode;
  let message = 'Action failed.';
  let details: JsonObject | undefined;
  if (error instanceof Error) {
    message = error.message || message;
    const own = error as Error & { code?: unknown; details?: unknown };
    if (typeof own.code === 'string' && own.code !== '') code = own.code;
    if (isPlainObject(own.details)) details = redactValue(own.details) as JsonObject;
  } else if (typeof error === 'string' && error !== '') {
    message = error;
  }
  message = clip(redactText(message), 500);
  const body: CommandResultBody = { success: false, message, error: { code: clip(code, 80), message } };
  if (details && body.error) body.error.details = details;
  return body;
}
