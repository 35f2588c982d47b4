import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';

/**
 * A hand-written check of a DTO's most common valid shapes: it returns the DTO exactly as the
 * class-transformer/class-validator pipe would (same class, same fields), or `undefined` when it is
 * not certain, and then the full pipe decides. It never rejects, so every 422 and its issue paths
 * still come from class-validator.
 */
export type HandCheck<T> = (value: unknown) => T | undefined;

const CHECKS = new WeakMap<object, HandCheck<unknown>>();

/**
 * Registers a hand check for a DTO class on the hot agent routes, where class-transformer and
 * class-validator were the largest part of a heartbeat's own CPU (docs/performance.md, "Agent hot path").
 */
export function HandChecked<T>(check: HandCheck<T>): ClassDecorator {
  return (target) => {
    CHECKS.set(target, check);
  };
}

/** The global validation pipe: the hand check of the parameter's class first, the full validation otherwise. */
export class AppValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const checked = metadata.metatype === undefined ? undefined : handChecked<unknown>(metadata.metatype, value);
    return checked === undefined ? super.transform(value, metadata) : Promise.resolve(checked);
  }
}

/** A JSON object as the body parser or the query parser builds it (no class, no array). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A string no longer than `max` UTF-16 units, which class-validator's `MaxLength(max)` always accepts. */
export function isShortString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** The hand check registered for `type`, run on `value`: the DTO when certainly valid, else `undefined`. */
export function handChecked<T>(type: abstract new () => T, value: unknown): T | undefined {
  const check = CHECKS.get(type) as HandCheck<T> | undefined;
  return check === undefined ? undefined : check(value);
}
