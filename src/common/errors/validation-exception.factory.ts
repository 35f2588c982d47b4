import type { ValidationError } from 'class-validator';
import { validationFailed, type ErrorIssue } from './domain-error';

/** Flattens class-validator's tree into `issues[{path, message}]` with dot-joined paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) issues.push({ path, message });
    if (error.children?.length) issues.push(...flattenValidationErrors(error.children, path));
  }
  return issues;
}

export function validationExceptionFactory(errors: ValidationError[]): Error {
  return validationFailed(flattenValidationErrors(errors));
}
