import { AbstractControl, FormArray, FormControl, FormGroup } from '@angular/forms';
import { JsonObject, isJsonObject } from '../../api/view-types';
import { SchemaField, describeFields } from './schema-fields';
import { stringValidators, validatorsFor } from './schema-validators';

export type { SchemaField, FieldKind, EnumOption } from './schema-fields';

export interface SchemaForm {
  fields: SchemaField[];
  group: FormGroup;
}

// ---- controls ---------------------------------------------------------------------------

function zeroValue(field: SchemaField): unknown {
  switch (field.kind) {
    case 'boolean':
      return false;
    case 'number':
    case 'integer':
    case 'enum':
      return null;
    case 'multiEnum':
    case 'stringArray':
      return [];
    default:
      return '';
  }
}

function controlFor(field: SchemaField, schema: JsonObject, initial: unknown): AbstractControl {
  const start =
    initial !== undefined
      ? initial
      : schema['default'] !== undefined
        ? schema['default']
        : zeroValue(field);
  let control: AbstractControl;
  if (field.kind === 'object') {
    control = groupFor(
      field.children ?? [],
      isJsonObject(schema['properties']) ? schema['properties'] : {},
      isJsonObject(start) ? start : {},
    );
  } else if (field.kind === 'stringArray') {
    const items = Array.isArray(start)
      ? start.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
      : [];
    control = new FormArray(
      items.map(
        (v) =>
          new FormControl<string>(v, {
            nonNullable: true,
            validators: stringValidators(field, true),
          }),
      ),
      validatorsFor(field, schema),
    );
  } else if (field.kind === 'json') {
    const text =
      start === '' || start === undefined || start === null ? '' : JSON.stringify(start, null, 2);
    control = new FormControl<string>(text, {
      nonNullable: true,
      validators: validatorsFor(field, schema),
    });
  } else if (field.kind === 'number' || field.kind === 'integer') {
    const value = start === '' || start === null || start === undefined ? null : Number(start);
    control = new FormControl<number | null>(
      Number.isFinite(value) ? value : null,
      validatorsFor(field, schema),
    );
  } else if (field.kind === 'boolean') {
    control = new FormControl<boolean>(start === true || start === 'true', { nonNullable: true });
  } else if (field.kind === 'multiEnum') {
    control = new FormControl<unknown[]>(Array.isArray(start) ? start : [], {
      nonNullable: true,
      validators: validatorsFor(field, schema),
    });
  } else if (field.kind === 'enum') {
    const allowed = field.options?.some((o) => o.value === start) ? start : null;
    control = new FormControl<unknown>(allowed, validatorsFor(field, schema));
  } else {
    const text =
      start === null || start === undefined
        ? ''
        : typeof start === 'string'
          ? start
          : String(start);
    control = new FormControl<string>(text, {
      nonNullable: true,
      validators: validatorsFor(field, schema),
    });
  }
  if (field.readOnly) {
    control.disable();
  }
  return control;
}

function groupFor(fields: SchemaField[], properties: JsonObject, initial: JsonObject): FormGroup {
  const controls: Record<string, AbstractControl> = {};
  for (const field of fields) {
    const prop = properties[field.key];
    controls[field.key] = controlFor(field, isJsonObject(prop) ? prop : {}, initial[field.key]);
  }
  return new FormGroup(controls);
}

export function buildSchemaForm(schema: unknown, initial: JsonObject = {}): SchemaForm {
  const fields = describeFields(schema);
  const properties =
    isJsonObject(schema) && isJsonObject(schema['properties']) ? schema['properties'] : {};
  return { fields, group: groupFor(fields, properties, initial) };
}

/** Adds an item to a string-array field (used by the form component). */
export function addArrayItem(array: FormArray, field: SchemaField, value = ''): void {
  array.push(
    new FormControl<string>(value, {
      nonNullable: true,
      validators: stringValidators(field, true),
    }),
  );
}

// ---- value extraction -------------------------------------------------------------------

function outputValue(field: SchemaField, raw: unknown): { present: boolean; value?: unknown } {
  switch (field.kind) {
    case 'boolean':
      return { present: true, value: raw === true };
    case 'number':
    case 'integer': {
      if (raw === null || raw === undefined || raw === '') {
        return { present: false };
      }
      return { present: true, value: Number(raw) };
    }
    case 'enum':
      return raw === null || raw === undefined ? { present: false } : { present: true, value: raw };
    case 'multiEnum':
    case 'stringArray': {
      const items = Array.isArray(raw)
        ? raw.filter((v) => v !== '' && v !== null && v !== undefined)
        : [];
      return items.length || field.required ? { present: true, value: items } : { present: false };
    }
    case 'json': {
      if (typeof raw !== 'string' || raw.trim() === '') {
        return { present: false };
      }
      return { present: true, value: JSON.parse(raw) as unknown };
    }
    case 'object': {
      const value = valuesOf(field.children ?? [], isJsonObject(raw) ? raw : {});
      return Object.keys(value).length || field.required
        ? { present: true, value }
        : { present: false };
    }
    default: {
      const text =
        typeof raw === 'string' ? raw : raw === null || raw === undefined ? '' : String(raw);
      return text === '' && !field.required ? { present: false } : { present: true, value: text };
    }
  }
}

function valuesOf(fields: SchemaField[], raw: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const field of fields) {
    const result = outputValue(field, raw[field.key]);
    if (result.present) {
      out[field.key] = result.value;
    }
  }
  return out;
}

/**
 * The payload to send: typed values, empty optional fields omitted. Keys of `base` that the
 * schema does not describe (e.g. prepared hidden values) are kept.
 */
export function schemaFormValue(form: SchemaForm, base: JsonObject = {}): JsonObject {
  const raw = form.group.getRawValue() as JsonObject;
  const described = new Set(form.fields.map((f) => f.key));
  const extra = Object.fromEntries(
    Object.entries(base).filter(([key]) => !described.has(key) && !key.startsWith('__')),
  );
  return { ...extra, ...valuesOf(form.fields, raw) };
}
