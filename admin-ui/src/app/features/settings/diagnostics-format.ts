import { isJsonObject } from '../../api/view-types';
import { formatBytes, formatDateTime, formatDuration } from '../../shared/util/format';

export interface DiagRow {
  /** Translation keys of the path (`diag.<segment>`), with the raw segment as fallback. */
  path: string[];
  value: string;
  mono: boolean;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;

/** Human value: byte sizes, seconds and milliseconds as durations, dates in the console language. */
export function diagValue(
  key: string,
  value: unknown,
  locale: string,
  yesNo: (b: boolean) => string,
): { text: string; mono: boolean } {
  if (value === null || value === undefined || value === '') return { text: '-', mono: false };
  if (typeof value === 'boolean') return { text: yesNo(value), mono: false };
  if (typeof value === 'number') {
    if (
      /Bytes$/.test(key) ||
      ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers'].includes(key)
    )
      return { text: formatBytes(value), mono: false };
    if (/Seconds$/.test(key))
      return { text: `${formatDuration(value * 1000)} (${value} s)`, mono: false };
    if (/Ms$/.test(key)) return { text: formatDuration(value), mono: false };
    return { text: value.toLocaleString(locale), mono: false };
  }
  if (typeof value === 'string' && ISO.test(value))
    return { text: formatDateTime(value, locale), mono: false };
  if (Array.isArray(value)) return { text: value.length ? value.join(', ') : '-', mono: true };
  return { text: String(value), mono: typeof value === 'string' && /[/\\]/.test(value) };
}

/** Flattens nested diagnostics into labelled rows; object keys become path segments. */
export function diagRows(
  value: unknown,
  locale: string,
  yesNo: (b: boolean) => string,
  path: string[] = [],
): DiagRow[] {
  if (!isJsonObject(value)) {
    const key = path[path.length - 1] ?? '';
    const v = diagValue(key, value, locale, yesNo);
    return [{ path, value: v.text, mono: v.mono }];
  }
  return Object.entries(value).flatMap(([k, v]) => diagRows(v, locale, yesNo, [...path, k]));
}
