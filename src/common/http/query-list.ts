import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

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

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** An optional `q` search term: trimmed, 1–120 characters (lists and the global search). */
export function SearchTerm(description: string, required = false): PropertyDecorator {
  return applyDecorators(
    required
      ? ApiProperty({ description, minLength: 1, maxLength: 120 })
      : ApiPropertyOptional({ description, minLength: 1, maxLength: 120 }),
    ...(required ? [] : [IsOptional()]),
    Transform(trimmed),
    IsString(),
    MinLength(1),
    MaxLength(120),
  );
}

/** A body list of 1..max ids with the given prefix (`agt`, `cmd`, `svc`). */
export function IdList(prefix: string, max: number): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: [String], maxItems: max }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(max),
    Matches(new RegExp(`^${prefix}_[A-Za-z0-9_-]{1,60}$`), { each: true, message: `ids must be ${prefix}_ ids` }),
  );
}
