import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../../src/app.setup';
import { createTestApp } from './create-test-app';

const ROOT = join(__dirname, '..', '..');
/** The committed, offline copy of the API reference (docs/api.md links to it). */
export const OPENAPI_FILE = join(ROOT, 'docs', 'api', 'openapi.json');

/**
 * The OpenAPI document of the real application (built-in extensions included, as in production),
 * stamped with the package version so the committed file only changes when the API does.
 */
export async function renderOpenApi(): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const test = await createTestApp();
  try {
    return `${JSON.stringify(openApiDocument(test.app, version), null, 2)}\n`;
  } finally {
    await test.close();
  }
}
