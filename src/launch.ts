/**
 * What `npm start` and the container run: the single-file server (`main.bundle.js`, made by
 * `scripts/bundle.mjs`) compiled with V8's code cache, so a restart skips most of the parsing and
 * compiling that a cold start otherwise spends (docs/performance.md, "Start-up"). Without a bundle (a
 * plain `nest build`) it runs `main.js` unchanged.
 *
 * The cache is written next to the bundle a few seconds after start, once the code that a start runs
 * has been compiled; V8 checks it against the source and its own version and flags and ignores a cache
 * that does not match, so a stale or foreign file costs one normal start. A read-only install simply
 * runs without it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script, constants } from 'node:vm';

const CACHE_WRITE_DELAY_MS = 5_000;

type ModuleWrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: Module,
  filename: string,
  dirname: string,
) => void;

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file: string, data: Buffer): void {
  try {
    // Write then rename: a concurrent start never reads half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    // Read-only install: run without a cache.
  }
}

function runBundle(bundle: string): void {
  const cacheFile = `${bundle}.cache`;
  const cachedData = readCache(cacheFile);
  const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), {
    filename: bundle,
    cachedData,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const wrapper = script.runInThisContext() as ModuleWrapper;
  const bundleModule = new Module(bundle, module);
  bundleModule.filename = bundle;
  const bundleRequire = createRequire(bundle);
  bundleModule.require = bundleRequire as Module['require'];
  if (cachedData === undefined || script.cachedDataRejected === true) {
    setTimeout(() => writeCache(cacheFile, script.createCachedData()), CACHE_WRITE_DELAY_MS).unref();
  }
  wrapper.call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, bundle, dirname(bundle));
}

const bundle = join(__dirname, 'main.bundle.js');
if (existsSync(bundle)) runBundle(bundle);
else createRequire(__filename)('./main');
