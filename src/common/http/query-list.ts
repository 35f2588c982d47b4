/**
 * Query parameters that take several values as one comma-separated string
 * (`?status=FAILED,EXPIRED`): the query parser keeps only the first of repeated keys, and one
 * string is also what a dashboard tile puts into its list link (docs/api.md).
 * Use as `@Transform(csvList)` before `@IsIn(values, { each: true })`.
 */
export function csvList({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return [...new Set(items)];
}

/** `%`, `_` and `\` in a search term are literals, not wildcards (use with `ESCAPE '\'`). */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
