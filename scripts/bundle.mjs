#!/usr/bin/env node
// `npm run build:api` step 2: bundles the compiled server (dist/src/main.js, with its decorator metadata
// already emitted by tsc) and its JavaScript dependencies into dist/src/main.bundle.js, the file
// `npm start` and the container run. Resolving and reading ~1,500 small files was most of the start-up
// cost (docs/performance.md, "Start-up"); one file starts in about two thirds of the time.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'src', 'main.js');
const outfile = join(root, 'dist', 'src', 'main.bundle.js');

/**
 * Loaded from node_modules at run time, never bundled: native addons (better-sqlite3, argon2, pg's
 * optional pg-native), pg (it loads pg-native by name), and swagger-ui-dist (it serves files from its
 * own folder).
 */
const KEEP_EXTERNAL = new Set(['better-sqlite3', 'argon2', 'pg', 'pg-native', 'swagger-ui-dist']);

/** Packages name the optional peers they support (typeorm's other drivers, Nest's microservices...):
 * whatever is not installed stays an external `require` that the package guards itself. */
const optionalPeers = {
  name: 'optional-peers',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      if (KEEP_EXTERNAL.has(name)) return { path: args.path, external: true };
      try {
        createRequire(args.importer || entry).resolve(args.path);
        return undefined;
      } catch {
        return { path: args.path, external: true };
      }
    });
  },
};

/**
 * Installed extensions (OPSTAGE_EXTENSIONS) import the server's own classes and Nest's from
 * node_modules; those must be the very same classes the server uses, which a bundle cannot offer.
 * With extensions configured (in the environment or in ./.env, as main.ts reads them) the bundle
 * hands over to the unbundled build before loading anything (docs/performance.md, "Start-up").
 */
const banner = `{
  const fs = require('node:fs'), path = require('node:path'), util = require('node:util');
  let ext = process.env.OPSTAGE_EXTENSIONS;
  const dotenv = path.join(process.cwd(), '.env');
  if (ext === undefined && fs.existsSync(dotenv)) ext = util.parseEnv(fs.readFileSync(dotenv, 'utf8')).OPSTAGE_EXTENSIONS;
  if (ext && ext.trim()) { require('./main.js'); return; }
}`;

/**
 * esbuild escapes non-ASCII characters in strings but leaves them in regular-expression literals
 * (validator's locale alphabets) and comments. One such character makes V8 hold the whole 9 MB
 * source as a two-byte string: reading and decoding it and compiling it from the code cache took
 * several times as long as the same file in ASCII (docs/performance.md, "Start-up"). A `\uXXXX`
 * escape is the same character in a regular expression (with or without the `u` flag a surrogate
 * pair of escapes is one code point), in a string and in a comment. It would not be after a
 * backslash or in a raw template; the first is refused here, and esbuild escapes cooked templates
 * itself (non-ASCII is left only in tagged ones; the bundle had none when this was written).
 */
function asciiOnly(source, file) {
  if (/\\[^\x00-\x7f]/.test(source)) throw new Error(`${file}: a non-ASCII character follows a backslash`);
  return source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `keepNames` makes esbuild call `__name(fn, "name")` for every function it defines, and the router,
 * body reader and Nest define several per request. Redefining `name` (a slow, map-changing property
 * definition) was about 3% of a heartbeat's CPU (bench/results/i23-profile.md); most of those functions
 * are declarations that already carry that very name. The helper now leaves those alone: the name
 * read back is the same either way.
 */
const NAME_HELPER = 'var __name = (target, value) => __defProp(target, "name", { value, configurable: true });';
const NAME_HELPER_CHECKED =
  'var __name = (target, value) => target.name === value ? target : __defProp(target, "name", { value, configurable: true });';

function cheaperNames(source, file) {
  if (!source.includes(NAME_HELPER)) throw new Error(`${file}: esbuild's __name helper changed; review cheaperNames`);
  return source.replace(NAME_HELPER, NAME_HELPER_CHECKED);
}

const started = Date.now();
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Nest and TypeORM read class names (error messages, metadata keys): keep them as written.
  keepNames: true,
  banner: { js: banner },
  plugins: [optionalPeers],
  logLevel: 'warning',
});
writeFileSync(outfile, cheaperNames(asciiOnly(readFileSync(outfile, 'utf8'), outfile), outfile));
process.stdout.write(
  `bundled ${entry.slice(root.length + 1)} -> ${outfile.slice(root.length + 1)} in ${Date.now() - started} ms\n`,
);
