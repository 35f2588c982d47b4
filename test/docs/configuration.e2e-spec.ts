import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvSchema } from '../../src/config/env.schema';

const ROOT = join(__dirname, '..', '..');

/** Names in the first column of the variable tables of docs/configuration.md. */
function documentedVariables(): string[] {
  const page = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');
  return [...page.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1] as string);
}

function schemaVariables(): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(EnvSchema, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/** `KEY=` lines of .env.example, commented out or not. */
function exampleVariables(): string[] {
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
  return [...example.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1] as string);
}

describe('docs/configuration.md', () => {
  it('lists exactly the variables the environment schema validates, each once', () => {
    const documented = documentedVariables();
    expect(documented.length).toBeGreaterThan(30);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(schemaVariables().sort());
  });

  it('.env.example names every variable of the schema', () => {
    expect([...new Set(exampleVariables())].sort()).toEqual(schemaVariables().sort());
  });
});
