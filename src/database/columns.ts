import { Column, type ColumnOptions } from 'typeorm';

/**
 * Column helpers that keep the schema portable between SQLite and PostgreSQL: timestamps are
 * ISO-8601 text (lexicographic order = time order), JSON is text, booleans are the ORM's boolean.
 */
export const TextColumn = (options: ColumnOptions = {}): PropertyDecorator => Column({ type: 'text', ...options });
export const NullableText = (options: ColumnOptions = {}): PropertyDecorator =>
  Column({ type: 'text', nullable: true, ...options });
export const IsoColumn = (): PropertyDecorator => Column({ type: 'varchar', length: 24 });
export const NullableIso = (): PropertyDecorator => Column({ type: 'varchar', length: 24, nullable: true });
export const IdColumn = (): PropertyDecorator => Column({ type: 'varchar', length: 40 });
export const NullableId = (): PropertyDecorator => Column({ type: 'varchar', length: 40, nullable: true });
export const IntColumn = (options: ColumnOptions = {}): PropertyDecorator => Column({ type: 'integer', ...options });
export const BoolColumn = (defaultValue: boolean): PropertyDecorator =>
  Column({ type: 'boolean', default: defaultValue });
