import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

/** What every date filter stores after parsing: ISO-8601 UTC with milliseconds. */
const NORMALISED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Extended calendar dates only: `2026-01-31`, `2026-01-31T12:00`, `…T12:00:00.5+01:00`, `…Z`, `…+01`. */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

/**
 * The one strict ISO-8601 reader behind every date filter (docs/api.md). Week dates, ordinal
 * dates, the basic format and impossible calendar values are refused (null) instead of being
 * guessed at; a time without an offset is UTC. Returns ISO-8601 UTC with milliseconds.
 */
export function parseIsoDateTime(text: string): string | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(
    Number,
  ) as [number, number, number, number, number, number];
  const millis = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  const offsetMinutes = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11] ?? '0')) : 0;
  if (
    month < 1 ||
    month > 12 ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    Number(m[10] ?? 0) > 23 ||
    Number(m[11] ?? 0) > 59
  )
    return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  date.setUTCHours(hour, minute, second, millis);
  return new Date(date.getTime() - offsetMinutes * 60_000).toISOString();
}

/** Query-string date filter: parsed with `parseIsoDateTime`; anything it refuses is 422 with `message`. */
export function IsoDateTimeFilter(message: string): PropertyDecorator {
  const transform = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (parseIsoDateTime(value) ?? value) : value,
  );
  const validate = Matches(NORMALISED, { message });
  return (target, key) => {
    transform(target, key);
    validate(target, key);
  };
}
