import { JsonObject, isJsonObject } from '../../api/view-types';

/**
 * Builds a reactive form from an action's `inputSchema` (sdk/README.md, "Actions"): string, number, integer,
 * boolean, enum, array of strings (or multi-select enum), one level of nested object; anything
 * deeper is edited as JSON. Validators mirror JSON-Schema semantics so the client rejects what the
 * server would reject (required, minimum/maximum, exclusive bounds, minLength/maxLength, pattern
 * (unanchored, as JSON Schema), minItems/maxItems, integer, email).
 */

export type FieldKind =
  | 'string'
  | 'password'
  | 'textarea'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'multiEnum'
  | 'stringArray'
  | 'object'
  | 'json';

export interface EnumOption {
  value: unknown;
  label: string;
}

export interface SchemaField {
  key: string;
  label: string;
  description?: string;
  placeholder?: string;
  kind: FieldKind;
  required: boolean;
  readOnly: boolean;
  options?: EnumOption[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  children?: SchemaField[];
}

export const PASSWORD_MAX_LENGTH = 4096;

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function schemaType(schema: JsonObject): string {
  const type = schema['type'];
  if (Array.isArray(type)) {
    const first = (type as unknown[]).find((t) => t !== 'null');
    return typeof first === 'string' ? first : 'string';
  }
  return typeof type === 'string' ? type : schema['enum'] ? 'enum' : 'string';
}

function enumOptions(schema: JsonObject): EnumOption[] | undefined {
  const values = schema['enum'];
  if (!Array.isArray(values)) {
    return undefined;
  }
  const labels = Array.isArray(schema['enumLabels']) ? (schema['enumLabels'] as unknown[]) : [];
  return (values as unknown[]).map((value, i) => ({
    value,
    label: typeof labels[i] === 'string' ? labels[i] : String(value),
  }));
}

function kindOf(key: string, schema: JsonObject, depth: number): FieldKind {
  const type = schemaType(schema);
  if (schema['enum'] && type !== 'array') {
    return 'enum';
  }
  switch (type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'array': {
      const items = isJsonObject(schema['items']) ? schema['items'] : {};
      if (Array.isArray(items['enum'])) {
        return 'multiEnum';
      }
      return schemaType(items) === 'string' ? 'stringArray' : 'json';
    }
    case 'object':
      return depth === 0 && isJsonObject(schema['properties']) ? 'object' : 'json';
    default:
      if (schema['format'] === 'password' || /password|secret/i.test(key)) {
        return 'password';
      }
      return schema['format'] === 'textarea' ? 'textarea' : 'string';
  }
}

/** Describes one property; exported for tests and for the template. */
export function describeField(
  key: string,
  schema: JsonObject,
  required: boolean,
  depth = 0,
): SchemaField {
  const kind = kindOf(key, schema, depth);
  const itemSchema = isJsonObject(schema['items']) ? schema['items'] : {};
  const field: SchemaField = {
    key,
    label: str(schema['title']) ?? key,
    description: str(schema['description']),
    placeholder: str(schema['placeholder']),
    kind,
    required,
    readOnly: schema['readOnly'] === true,
    options: kind === 'multiEnum' ? enumOptions(itemSchema) : enumOptions(schema),
    minimum: num(schema['minimum']),
    maximum: num(schema['maximum']),
    minLength: num(schema['minLength']),
    maxLength: num(schema['maxLength']) ?? (kind === 'password' ? PASSWORD_MAX_LENGTH : undefined),
    pattern: str(schema['pattern']),
    minItems: num(schema['minItems']),
    maxItems: num(schema['maxItems']),
  };
  if (kind === 'stringArray') {
    field.minLength = num(itemSchema['minLength']);
    field.maxLength = num(itemSchema['maxLength']);
    field.pattern = str(itemSchema['pattern']);
  }
  if (kind === 'object') {
    field.children = describeFields(schema, depth + 1);
  }
  return field;
}

export function describeFields(schema: unknown, depth = 0): SchemaField[] {
  if (!isJsonObject(schema) || !isJsonObject(schema['properties'])) {
    return [];
  }
  const required = Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : [];
  return Object.entries(schema['properties']).map(([key, prop]) =>
    describeField(key, isJsonObject(prop) ? prop : {}, required.includes(key), depth),
  );
}
