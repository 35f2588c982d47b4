/** Pure presentation helpers: the console's cell formats (sdk/README.md, "Result helpers"). */

export function shortId(id: string | null | undefined): string {
  if (!id) {
    return '-';
  }
  return id.length > 16 ? `${id.slice(0, 8)}...${id.slice(-6)}` : id;
}

/**
 * Local date-time (the browser's time zone) written the way the console language writes dates
 * (`locale` is the console language, not the browser's); "-" when empty, the raw text when unparsable.
 */
export function formatDateTime(value: string | number | null | undefined, locale?: string): string {
  if (value === null || value === undefined || value === '') {
    return '-';
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return String(value);
  }
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(date);
}

/** 500ms, 1.5s, 1.1m, 2.0h. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) {
    return '-';
  }
  if (ms < 1000) {
    return `${Math.round(ms)}ms`;
  }
  if (ms < 60_000) {
    return `${trimDecimal(ms / 1000)}s`;
  }
  if (ms < 3_600_000) {
    return `${trimDecimal(ms / 60_000)}m`;
  }
  return `${trimDecimal(ms / 3_600_000)}h`;
}

function trimDecimal(value: number): string {
  const fixed = value.toFixed(1);
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) {
    return '-';
  }
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const sign = bytes < 0 ? '-' : '';
  return unit === 0 ? `${sign}${value} B` : `${sign}${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/**
 * "3 minutes ago" / "3 分钟前" in the console language (Intl.RelativeTimeFormat), from the same
 * rounding as `relativeTime`; "-" when empty, the raw text when unparsable.
 */
export function formatRelative(
  value: string | number | null | undefined,
  now: number,
  locale: string,
): string {
  if (value === null || value === undefined || value === '') {
    return '-';
  }
  const rel = relativeTime(value, now);
  if (!rel) {
    return String(value);
  }
  const unit: Intl.RelativeTimeFormatUnit = { s: 'second', m: 'minute', h: 'hour', d: 'day' }[
    rel.unit
  ] as Intl.RelativeTimeFormatUnit;
  if (rel.unit === 's' && rel.amount < 10) {
    return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(0, 'second');
  }
  return new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'long' }).format(
    rel.past ? -rel.amount : rel.amount,
    unit,
  );
}

export interface RelativeTime {
  amount: number;
  unit: 's' | 'm' | 'h' | 'd';
  past: boolean;
}

export function relativeTime(
  value: string | number,
  now: number = Date.now(),
): RelativeTime | null {
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) {
    return null;
  }
  const diff = now - time;
  const abs = Math.abs(diff) / 1000;
  const past = diff >= 0;
  if (abs < 60) {
    return { amount: Math.round(abs), unit: 's', past };
  }
  if (abs < 3600) {
    return { amount: Math.round(abs / 60), unit: 'm', past };
  }
  if (abs < 86400) {
    return { amount: Math.round(abs / 3600), unit: 'h', past };
  }
  return { amount: Math.round(abs / 86400), unit: 'd', past };
}

export function prettyJson(value: unknown): string {
  if (value === undefined) {
    return '';
  }
  try {
    return JSON.stringify(value, null, 2) ?? '';
  } catch {
    return String(value);
  }
}

/** Reads `a.b.c` from an object; undefined when any segment is missing. */
export function getPath(source: unknown, path: string): unknown {
  let current: unknown = source;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}
