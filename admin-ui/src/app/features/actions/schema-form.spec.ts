import { FormArray, FormGroup } from '@angular/forms';
import { addArrayItem, buildSchemaForm, schemaFormValue } from './schema-form';
import { describeField } from './schema-fields';

const SCHEMA = {
  type: 'object',
  required: ['message', 'count', 'mode', 'tags'],
  properties: {
    message: {
      type: 'string',
      title: 'Message',
      minLength: 2,
      maxLength: 10,
      pattern: '^[a-z]+$',
      default: 'hello',
    },
    count: { type: 'integer', minimum: 1, maximum: 5, default: 2 },
    ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    enabled: { type: 'boolean', default: true },
    mode: { type: 'string', enum: ['fast', 'safe'], enumLabels: ['Fast', 'Safe'] },
    tags: { type: 'array', items: { type: 'string', pattern: '^t-' }, maxItems: 2 },
    apiPassword: { type: 'string' },
    notes: { type: 'string', format: 'textarea' },
    email: { type: 'string', format: 'email' },
    target: {
      type: 'object',
      required: ['host'],
      properties: {
        host: { type: 'string', minLength: 3 },
        port: { type: 'integer', minimum: 1, maximum: 65535 },
      },
    },
  },
};

describe('schema form builder', () => {
  it('describes each property with the right kind and constraints', () => {
    const form = buildSchemaForm(SCHEMA);
    const kinds = Object.fromEntries(form.fields.map((f) => [f.key, f.kind]));
    expect(kinds).toEqual({
      message: 'string',
      count: 'integer',
      ratio: 'number',
      enabled: 'boolean',
      mode: 'enum',
      tags: 'stringArray',
      apiPassword: 'password',
      notes: 'textarea',
      email: 'string',
      target: 'object',
    });
    const mode = form.fields.find((f) => f.key === 'mode');
    expect(mode?.options).toEqual([
      { value: 'fast', label: 'Fast' },
      { value: 'safe', label: 'Safe' },
    ]);
    expect(form.fields.find((f) => f.key === 'apiPassword')?.maxLength).toBe(4096);
    expect(form.fields.find((f) => f.key === 'message')?.label).toBe('Message');
  });

  it('applies defaults, and prepared values override defaults', () => {
    const defaults = buildSchemaForm(SCHEMA);
    expect(defaults.group.get('message')?.value).toBe('hello');
    expect(defaults.group.get('count')?.value).toBe(2);
    expect(defaults.group.get('enabled')?.value).toBe(true);
    const prepared = buildSchemaForm(SCHEMA, {
      message: 'prep',
      count: 4,
      tags: ['t-1'],
      target: { host: 'db1' },
    });
    expect(prepared.group.get('message')?.value).toBe('prep');
    expect(prepared.group.get('count')?.value).toBe(4);
    expect((prepared.group.get('tags') as FormArray).length).toBe(1);
    expect(prepared.group.get('target.host')?.value).toBe('db1');
  });

  it('validates required, length and unanchored pattern like JSON Schema', () => {
    const { group } = buildSchemaForm(SCHEMA);
    const message = group.get('message')!;
    message.setValue('');
    expect(message.hasError('required')).toBe(true);
    message.setValue('a');
    expect(message.hasError('minlength')).toBe(true);
    message.setValue('waytoolongvalue');
    expect(message.hasError('maxlength')).toBe(true);
    message.setValue('ABC');
    expect(message.hasError('pattern')).toBe(true);
    message.setValue('abc');
    expect(message.valid).toBe(true);

    const unanchored = buildSchemaForm({
      type: 'object',
      properties: { code: { type: 'string', pattern: '[0-9]' } },
    });
    unanchored.group.get('code')!.setValue('ab1cd');
    expect(unanchored.group.get('code')!.valid).toBe(true);
  });

  it('validates numbers: min, max, exclusive bounds and integers', () => {
    const { group } = buildSchemaForm(SCHEMA);
    const count = group.get('count')!;
    count.setValue(0);
    expect(count.hasError('min')).toBe(true);
    count.setValue(6);
    expect(count.hasError('max')).toBe(true);
    count.setValue(2.5);
    expect(count.hasError('integer')).toBe(true);
    count.setValue(null);
    expect(count.hasError('required')).toBe(true);
    const ratio = group.get('ratio')!;
    ratio.setValue(0);
    expect(ratio.hasError('exclusiveMin')).toBe(true);
    ratio.setValue(null);
    expect(ratio.valid).toBe(true);
  });

  it('validates enums, emails, string arrays and nested objects', () => {
    const { group, fields } = buildSchemaForm(SCHEMA);
    expect(group.get('mode')!.hasError('required')).toBe(true);
    group.get('mode')!.setValue('safe');
    expect(group.get('mode')!.valid).toBe(true);

    group.get('email')!.setValue('not-an-email');
    expect(group.get('email')!.hasError('email')).toBe(true);

    const tags = group.get('tags') as FormArray;
    expect(tags.hasError('minItems')).toBe(true);
    const tagField = fields.find((f) => f.key === 'tags')!;
    addArrayItem(tags, tagField, 'x-1');
    expect(tags.at(0).hasError('pattern')).toBe(true);
    tags.at(0).setValue('t-1');
    addArrayItem(tags, tagField, 't-2');
    addArrayItem(tags, tagField, 't-3');
    expect(tags.hasError('maxItems')).toBe(true);
    tags.removeAt(2);
    expect(tags.valid).toBe(true);

    const target = group.get('target') as FormGroup;
    expect(target.get('host')!.hasError('required')).toBe(true);
    target.get('host')!.setValue('db1');
    target.get('port')!.setValue(70000);
    expect(target.get('port')!.hasError('max')).toBe(true);
  });

  it('produces a typed payload and omits empty optional fields', () => {
    const form = buildSchemaForm(SCHEMA, {
      mode: 'fast',
      tags: ['t-1', ''],
      target: { host: 'db1', port: '5432' },
    });
    const payload = schemaFormValue(form, { hiddenFromPrepare: 'keep', __detail: { x: 1 } });
    expect(payload).toEqual({
      hiddenFromPrepare: 'keep',
      message: 'hello',
      count: 2,
      enabled: true,
      mode: 'fast',
      tags: ['t-1'],
      target: { host: 'db1', port: 5432 },
    });
  });

  it('edits deeper structures as JSON with a JSON validator', () => {
    const field = describeField('rules', { type: 'array', items: { type: 'object' } }, false);
    expect(field.kind).toBe('json');
    const form = buildSchemaForm({
      type: 'object',
      properties: { rules: { type: 'array', items: { type: 'object' } } },
    });
    const rules = form.group.get('rules')!;
    rules.setValue('{bad');
    expect(rules.hasError('json')).toBe(true);
    rules.setValue('[{"a":1}]');
    expect(schemaFormValue(form)).toEqual({ rules: [{ a: 1 }] });
  });

  it('builds an empty form for actions without input', () => {
    const form = buildSchemaForm({});
    expect(form.fields).toEqual([]);
    expect(schemaFormValue(form)).toEqual({});
  });
});
