// `npm run docs:openapi`: writes docs/api/openapi.json from the application's routes and DTOs.
// `npm test` fails when the committed file differs (test/docs/openapi.e2e-spec.ts).
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { OPENAPI_FILE, renderOpenApi } from '../test/support/openapi';

// Start-up waits on the database worker thread, which is unref'd; without a referenced handle the
// event loop of this short script would drain and exit 0 before the document is written.
const keepAlive = setInterval(() => undefined, 1000);

renderOpenApi()
  .then((document) => {
    writeFileSync(OPENAPI_FILE, document);
    process.stdout.write(`wrote docs/api/openapi.json (${document.length} bytes)\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => clearInterval(keepAlive));
