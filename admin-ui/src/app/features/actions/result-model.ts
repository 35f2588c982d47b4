import { JsonObject, isJsonObject } from '../../api/view-types';
import { getPath } from '../../shared/util/format';

/**
 * Normalises an action result's `data` into what the console renders (sdk/README.md, "Result helpers"): text
 * message, one-time secrets, a detail view (`data.detail`), a table (`data.list`) with row and
 * page actions, and plain key/value pairs for everything else.
 */

export type CellFormat =
  | 'text'
  | 'status'
  | 'datetime'
  | 'boolean'
  | 'code'
  | 'duration'
  | 'relativeTime'
  | 'bytes';

const FORMATS: readonly CellFormat[] = [
  'text',
  'status',
  'datetime',
  'boolean',
  'code',
  'duration',
  'relativeTime',
  'bytes',
];

export interface ResultColumn {
  key: string;
  label: string;
  format: CellFormat;
  copyable: boolean;
  ellipsis: boolean;
  width?: string;
}

export interface ResultActionLink {
  label: string;
  action: string;
  payload: unknown;
  danger: boolean;
  confirm?: string;
}

export interface ResultList {
  title?: string;
  rows: JsonObject[];
  columns: ResultColumn[];
  emptyText?: string;
  pageSize: number;
  rowActions: ResultActionLink[];
  pageActions: ResultActionLink[];
}

export interface ResultDetail {
  title?: string;
  data: JsonObject;
  fields: ResultColumn[];
  actions: ResultActionLink[];
}

export interface OneTimeSecret {
  key: string;
  value: string;
}

/** A launch request from a row/page/detail action: open `action` with `payload` prefilled. */
export interface ActionLaunch {
  action: string;
  payload: JsonObject;
  detail?: JsonObject;
}

export const REDACTED = '[REDACTED]';
const MAX_INFERRED_COLUMNS = 8;
const MAX_DETAIL_FIELDS = 12;

function asFormat(value: unknown): CellFormat {
  return typeof value === 'string' && (FORMATS as readonly string[]).includes(value)
    ? (value as CellFormat)
    : 'text';
}

function asColumns(value: unknown): ResultColumn[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter(isJsonObject).flatMap((col) => {
    const key =
      typeof col['key'] === 'string'
        ? col['key']
        : typeof col['dataIndex'] === 'string'
          ? col['dataIndex']
          : '';
    if (!key) {
      return [];
    }
    return [
      {
        key,
        label:
          typeof col['label'] === 'string'
            ? col['label']
            : typeof col['title'] === 'string'
              ? col['title']
              : key,
        format: asFormat(col['format']),
        copyable: col['copyable'] === true,
        ellipsis: col['ellipsis'] === true,
        width:
          typeof col['width'] === 'number'
            ? `${col['width']}px`
            : typeof col['width'] === 'string'
              ? col['width']
              : undefined,
      },
    ];
  });
}

/** Up to `max` columns from the first row's keys when the result declares none. */
export function inferColumns(rows: JsonObject[], max = MAX_INFERRED_COLUMNS): ResultColumn[] {
  const first = rows[0];
  if (!first) {
    return [];
  }
  return Object.keys(first)
    .filter((key) => !key.startsWith('__'))
    .slice(0, max)
    .map((key) => ({ key, label: key, format: 'text', copyable: false, ellipsis: false }));
}

function asActions(value: unknown): ResultActionLink[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter(isJsonObject).flatMap((a) => {
    const action = typeof a['action'] === 'string' ? a['action'] : '';
    if (!action) {
      return [];
    }
    return [
      {
        label: typeof a['label'] === 'string' ? a['label'] : action,
        action,
        payload: a['payload'] ?? {},
        danger: a['danger'] === true,
        confirm: typeof a['confirm'] === 'string' ? a['confirm'] : undefined,
      },
    ];
  });
}

export function normalizeList(value: unknown): ResultList | null {
  if (!isJsonObject(value) || !Array.isArray(value['data'])) {
    return null;
  }
  const rows = value['data'].map((row) => (isJsonObject(row) ? row : { value: row }));
  const declared = asColumns(value['columns']);
  const pageSize =
    typeof value['pageSize'] === 'number' && value['pageSize'] > 0
      ? Math.floor(value['pageSize'])
      : 10;
  return {
    title: typeof value['title'] === 'string' ? value['title'] : undefined,
    rows,
    columns: declared.length ? declared : inferColumns(rows),
    emptyText: typeof value['emptyText'] === 'string' ? value['emptyText'] : undefined,
    pageSize,
    rowActions: asActions(value['rowActions']),
    pageActions: asActions(value['pageActions']),
  };
}

export function normalizeDetail(value: unknown): ResultDetail | null {
  if (!isJsonObject(value) || !isJsonObject(value['data'])) {
    return null;
  }
  const data = value['data'];
  const declared = asColumns(value['fields']);
  return {
    title: typeof value['title'] === 'string' ? value['title'] : undefined,
    data,
    fields: declared.length ? declared : inferColumns([data], MAX_DETAIL_FIELDS),
    actions: asActions(value['actions']),
  };
}

/** Replaces every string `"$row.<path>"` with the row's value, recursively (arrays and objects). */
export function resolveTemplate(template: unknown, row: JsonObject): unknown {
  if (typeof template === 'string') {
    if (template === '$row') {
      return row;
    }
    return template.startsWith('$row.') ? getPath(row, template.slice(5)) : template;
  }
  if (Array.isArray(template)) {
    return template.map((item) => resolveTemplate(item, row));
  }
  if (isJsonObject(template)) {
    return Object.fromEntries(
      Object.entries(template).map(([k, v]) => [k, resolveTemplate(v, row)]),
    );
  }
  return template;
}

/** Builds the launch request of a row/page/detail action; `__detail` pre-seeds the detail card. */
export function launchFor(link: ResultActionLink, row: JsonObject): ActionLaunch {
  const resolved = resolveTemplate(link.payload, row);
  const payload: JsonObject = isJsonObject(resolved) ? { ...resolved } : {};
  const detail = isJsonObject(payload['__detail']) ? payload['__detail'] : undefined;
  delete payload['__detail'];
  return { action: link.action, payload, detail };
}

function secretNames(data: JsonObject): Set<string> {
  const names = new Set<string>(['generatedKey']);
  if (Array.isArray(data['oneTimeFields'])) {
    for (const name of data['oneTimeFields']) {
      if (typeof name === 'string' && name !== 'oneTimeFields') {
        names.add(name);
      }
    }
  }
  return names;
}

/** One-time fields: `generatedKey` plus any names listed in `oneTimeFields`, unless redacted. */
export function extractSecrets(data: unknown): OneTimeSecret[] {
  if (!isJsonObject(data)) {
    return [];
  }
  const secrets: OneTimeSecret[] = [];
  for (const key of secretNames(data)) {
    const value = data[key];
    if (typeof value === 'string' && value !== '' && value !== REDACTED) {
      secrets.push({ key, value });
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      secrets.push({ key, value: String(value) });
    }
  }
  return secrets;
}

/** True when the result had one-time fields that were already revealed to someone (now `[REDACTED]`). */
export function hasConsumedSecrets(data: unknown): boolean {
  return isJsonObject(data) && [...secretNames(data)].some((key) => data[key] === REDACTED);
}

const STRUCTURAL_KEYS = new Set(['list', 'detail', 'oneTimeFields']);

/**
 * Top-level entries shown as key/value: scalars and plain objects (as JSON text). Secrets,
 * `list`/`detail` and raw arrays (kept beside `list` for API consumers) are left out.
 */
export function plainEntries(
  data: unknown,
  secretKeys: readonly string[] = [],
): { key: string; value: unknown }[] {
  if (!isJsonObject(data)) {
    return [];
  }
  return Object.entries(data)
    .filter(
      ([key, value]) =>
        !STRUCTURAL_KEYS.has(key) && !secretKeys.includes(key) && !Array.isArray(value),
    )
    .map(([key, value]) => ({ key, value }));
}

/** Copy of `data` with revealed secrets masked, for the raw JSON view. */
export function maskSecrets(data: unknown, secrets: OneTimeSecret[]): unknown {
  if (!isJsonObject(data) || secrets.length === 0) {
    return data;
  }
  const copy: JsonObject = { ...data };
  for (const secret of secrets) {
    copy[secret.key] = '••••••••';
  }
  return copy;
}

/** Row identity: `id`, else `key`, else `name`, else the index. */
export function rowKey(row: JsonObject, index: number): string {
  for (const key of ['id', 'key', 'name']) {
    const value = row[key];
    if (typeof value === 'string' || typeof value === 'number') {
      return String(value);
    }
  }
  return String(index);
}
