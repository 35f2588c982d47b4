import { AbstractControl, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { JsonObject } from '../../api/view-types';
import { SchemaField, num } from './schema-fields';

// ---- validators -------------------------------------------------------------------------

export function patternValidator(pattern: string): ValidatorFn {
  let regex: RegExp | null = null;
  try {
    regex = new RegExp(pattern, 'u');
  } catch {
    regex = null;
  }
  return (control: AbstractControl): ValidationErrors | null => {
    const value: unknown = control.value;
    if (regex === null || typeof value !== 'string' || value === '') {
      return null;
    }
    return regex.test(value) ? null : { pattern: { requiredPattern: pattern } };
  };
}

export const integerValidator: ValidatorFn = (control) => {
  const value: unknown = control.value;
  if (value === null || value === undefined || value === '') {
    return null;
  }
  return Number.isInteger(Number(value)) ? null : { integer: true };
};

export function itemsCountValidator(min: number | undefined, max: number | undefined): ValidatorFn {
  return (control) => {
    const value: unknown = control.value;
    const length = Array.isArray(value) ? value.filter((v) => v !== '' && v !== null).length : 0;
    if (min !== undefined && length < min) {
      return { minItems: { min, actual: length } };
    }
    if (max !== undefined && length > max) {
      return { maxItems: { max, actual: length } };
    }
    return null;
  };
}

export const jsonValidator: ValidatorFn = (control) => {
  const value: unknown = control.value;
  if (typeof value !== 'string' || value.trim() === '') {
    return null;
  }
  try {
    JSON.parse(value);
    return null;
  } catch {
    return { json: true };
  }
};

export function stringValidators(field: SchemaField, forItems = false): ValidatorFn[] {
  const validators: ValidatorFn[] = [];
  if (field.required && !forItems) {
    validators.push(Validators.required);
  }
  if (field.minLength !== undefined) {
    validators.push(Validators.minLength(field.minLength));
  }
  if (field.maxLength !== undefined) {
    validators.push(Validators.maxLength(field.maxLength));
  }
  if (field.pattern) {
    validators.push(patternValidator(field.pattern));
  }
  return validators;
}

/** Validators for a described field (exported for unit tests). */
export function validatorsFor(field: SchemaField, schema: JsonObject = {}): ValidatorFn[] {
  switch (field.kind) {
    case 'string':
    case 'password':
    case 'textarea': {
      const list = stringValidators(field);
      if (schema['format'] === 'email') {
        list.push(Validators.email);
      }
      return list;
    }
    case 'number':
    case 'integer': {
      const list: ValidatorFn[] = [];
      if (field.required) {
        list.push(Validators.required);
      }
      if (field.minimum !== undefined) {
        list.push(Validators.min(field.minimum));
      }
      if (field.maximum !== undefined) {
        list.push(Validators.max(field.maximum));
      }
      const exMin = num(schema['exclusiveMinimum']);
      const exMax = num(schema['exclusiveMaximum']);
      if (exMin !== undefined) {
        list.push((c) =>
          c.value !== null && c.value !== '' && Number(c.value) <= exMin
            ? { exclusiveMin: { min: exMin } }
            : null,
        );
      }
      if (exMax !== undefined) {
        list.push((c) =>
          c.value !== null && c.value !== '' && Number(c.value) >= exMax
            ? { exclusiveMax: { max: exMax } }
            : null,
        );
      }
      if (field.kind === 'integer') {
        list.push(integerValidator);
      }
      return list;
    }
    case 'enum':
      return field.required ? [Validators.required] : [];
    case 'multiEnum':
    case 'stringArray':
      return [
        itemsCountValidator(
          field.required ? Math.max(1, field.minItems ?? 1) : field.minItems,
          field.maxItems,
        ),
      ];
    case 'json':
      return field.required ? [Validators.required, jsonValidator] : [jsonValidator];
    default:
      return [];
  }
}
