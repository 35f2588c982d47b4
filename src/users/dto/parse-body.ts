import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../../common/errors/validation-exception.factory';
import { validationFailed } from '../../common/errors/domain-error';

/**
 * Validates a body the same way the global pipe does. Used where the reference checks the resource before
 * the body (PATCH user, reset-password: 404 wins over 422), so the pipe cannot run first.
 */
export function parseBody<T extends object>(cls: new () => T, raw: unknown): T {
  const source = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  if (source !== raw && raw !== undefined)
    throw validationFailed([{ path: '', message: 'body must be a JSON object' }]);
  const instance = plainToInstance(cls, source);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw validationFailed(flattenValidationErrors(errors));
  return instance;
}
