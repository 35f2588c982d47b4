// Stops the PostgreSQL that global-setup.mjs started (nothing to do for OPSTAGE_TEST_DATABASE_URL).
import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const started = globalThis.__OPSTAGE_TEST_PG__;
  if (!started) return;
  globalThis.__OPSTAGE_TEST_PG__ = undefined;
  await started.server.stop();
  rmSync(started.dir, { recursive: true, force: true });
}
