#!/usr/bin/env node
// Migration commands: generate <Name> | check | run | revert (TypeORM CLI over src/database/data-source.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [command, name] = process.argv.slice(2);

function typeorm(args, env = {}) {
  const result = spawnSync('npx', ['typeorm-ts-node-commonjs', ...args, '-d', 'src/database/data-source.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', ...env },
  });
  return result.status ?? 1;
}

function withTempDatabase(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'opstage-migrations-'));
  try {
    return fn({ DATABASE_URL: `file:${join(dir, 'check.db')}` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

switch (command) {
  case 'generate': {
    if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
      console.error('usage: npm run migration:generate -- <PascalCaseName>  (then add it to migrations/index.ts)');
      process.exit(2);
    }
    // Generate against a fresh database migrated to the current head, so only the entity diff lands.
    process.exit(
      withTempDatabase(
        (env) => typeorm(['migration:run'], env) || typeorm(['migration:generate', `migrations/sqlite/${name}`], env),
      ),
    );
    break;
  }
  case 'check':
    // Fails (exit 1) when entities and migrations have drifted apart.
    process.exit(
      withTempDatabase(
        (env) =>
          typeorm(['migration:run'], env) ||
          typeorm(['migration:generate', 'migrations/sqlite/DriftCheck', '--check'], env),
      ),
    );
    break;
  case 'run':
    process.exit(typeorm(['migration:run']));
    break;
  case 'revert':
    process.exit(typeorm(['migration:revert']));
    break;
  default:
    console.error('usage: node scripts/migration.mjs generate <Name> | check | run | revert');
    process.exit(2);
}
