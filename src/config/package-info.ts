import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PackageInfo {
  root: string;
  version: string;
}

/** Finds the repository's root package.json from src/ (ts-node, jest) or dist/src/ (built). */
export function packageInfo(from: string = __dirname): PackageInfo {
  let dir = from;
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'opstage-ce') return { root: dir, version: pkg.version ?? '0.0.0-dev' };
    }
    const parent = dirname(dir);
    if (parent === dir) return { root: process.cwd(), version: '0.0.0-dev' };
    dir = parent;
  }
}

export function defaultStaticDir(info: PackageInfo): string {
  return join(info.root, 'admin-ui', 'dist', 'admin-ui', 'browser');
}
