import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * Files at rest are private (docs/security.md): the data and backup folders 0700, the database,
 * its WAL and shared-memory files and every backup 0600. SQLite creates `-wal`/`-shm` with the
 * mode of the database file, so creating that file 0600 first covers them. A chmod the process
 * may not make (a folder owned by someone else) is left as it is.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tryChmod(dir, 0o700);
}

/** Creates the file empty with mode 0600 if missing (an empty file is a valid new SQLite database), else tightens it. */
export function ensurePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  tryChmod(path, 0o600);
}

/** The database and whatever WAL/shared-memory files an earlier version left world-readable. */
export function ensurePrivateDatabase(path: string): void {
  ensurePrivateFile(path);
  for (const suffix of ['-wal', '-shm', '-journal'])
    if (existsSync(`${path}${suffix}`)) tryChmod(`${path}${suffix}`, 0o600);
}

function tryChmod(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch {
    // Not ours to change (e.g. a mounted folder); the files we create inside are still private.
  }
}
