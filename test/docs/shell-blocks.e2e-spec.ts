import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS as CLI_COMMANDS } from '../../cli/src/cli';
import { markdownFiles, parseMarkdown, readRepoFile, ROOT } from './markdown';

/**
 * Blocks fenced as `bash`/`sh`/`shell` are what the docs present as runnable; illustrations use
 * `text`. Each command in a runnable block must name something that exists here: an npm script of
 * the right workspace, a local binary, a file, an API route of the OpenAPI document, or one of a
 * few system tools. Renaming a script, file or route without updating the docs fails `npm test`.
 */
const RUNNABLE = new Set(['bash', 'sh', 'shell']);
const SYSTEM_TOOLS = new Set([
  'apt-get',
  'cat',
  'cd',
  'chmod',
  'export',
  'git',
  'jq',
  'kill',
  'ls',
  'mkdir',
  'openssl',
  'sqlite3',
  'systemctl',
  'tar',
  'echo',
  'psql',
  'pg_dump',
  'pg_restore',
  'printf',
]);

interface PackageJson {
  name: string;
  scripts?: Record<string, string>;
}
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T;
const root = readJson<PackageJson>('package.json');
const workspaces = new Map(
  [
    root,
    readJson<PackageJson>('sdk/package.json'),
    readJson<PackageJson>('admin-ui/package.json'),
    readJson<PackageJson>('cli/package.json'),
  ].map((p) => [p.name, p]),
);
const openApiPaths = Object.entries(
  readJson<{ paths: Record<string, Record<string, unknown>> }>('docs/api/openapi.json').paths,
).map(([path, methods]) => ({
  pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  methods: new Set(Object.keys(methods).map((m) => m.toUpperCase())),
}));

/** The commands of a block: continuations joined, quotes and comments dropped, split on `&&`, `;`, `|`. */
function commandsOf(body: string): string[] {
  return (
    body
      .replace(/\\\n/g, ' ')
      .split('\n')
      // Quoted arguments (jq programs, JSON bodies, headers) are opaque: their `|` and `#` split nothing.
      .map((line) =>
        line
          .replace(/'[^']*'|"[^"]*"/g, "''")
          .replace(/(^|\s)#.*$/, '')
          .trim(),
      )
      .flatMap((line) => line.split(/&&|;|\|\|?/))
      .map((command) => command.trim().replace(/^([A-Z_][A-Z0-9_]*=\S*\s+)+/, ''))
      .filter((command) => command.length > 0)
  );
}

function npmProblem(words: string[]): string | undefined {
  const workspaceFlag = words.findIndex((w) => w === '-w' || w === '--workspace');
  const pkg = workspaceFlag === -1 ? root : workspaces.get(words[workspaceFlag + 1] ?? '');
  if (!pkg) return `unknown workspace ${words[workspaceFlag + 1]}`;
  const args = words
    .slice(1)
    .filter((w, i, all) => !w.startsWith('-') && all[i - 1] !== '-w' && all[i - 1] !== '--workspace');
  const [verb, script] = args;
  if (verb === 'ci' || verb === 'install') return undefined;
  const name = verb === 'run' ? script : verb;
  if (name === 'start' && !pkg.scripts?.start) return `${pkg.name} has no start script`;
  return name && pkg.scripts?.[name] !== undefined ? undefined : `${pkg.name} has no script "${name}"`;
}

function curlProblem(words: string[]): string | undefined {
  const url = words.find((w) => /^https?:\/\//.test(w));
  if (!url) return 'curl without a URL';
  const path = new URL(url).pathname;
  const explicit = words[words.indexOf('-X') + 1];
  const method =
    words.includes('-X') && explicit
      ? explicit
      : words.some((w) => w === '-d' || w.startsWith('--data'))
        ? 'POST'
        : 'GET';
  const route = openApiPaths.find((p) => p.pattern.test(path));
  if (!route) return `no API route ${path}`;
  return route.methods.has(method) ? undefined : `no ${method} ${path}`;
}

/** An `opstage` command line: the command must exist and take every `--flag` given. */
function opstageProblem(words: string[]): string | undefined {
  const cmd = CLI_COMMANDS.find((c) => c.path.every((p, i) => words[i + 1] === p));
  if (!cmd) return `no opstage command ${words.slice(1, 3).join(' ')}`;
  const unknown = words.filter((w) => w.startsWith('--') && !(w.slice(2).split('=')[0]! in cmd.flags));
  return unknown.length ? `opstage ${cmd.path.join(' ')} has no ${unknown.join(', ')}` : undefined;
}

function problemOf(command: string): string | undefined {
  const words = command.split(/\s+/).map((w) => w.replace(/^['"]|['"]$/g, ''));
  const [tool, first] = words;
  if (tool === 'npm') return npmProblem(words);
  if (tool === 'npx')
    return first && existsSync(join(ROOT, 'node_modules', '.bin', first)) ? undefined : `no local binary ${first}`;
  if (tool === 'node') return first && existsSync(join(ROOT, first)) ? undefined : `no file ${first}`;
  if (tool === 'curl') return curlProblem(words);
  if (tool === 'opstage') return opstageProblem(words);
  if (tool === 'cp') return first && existsSync(join(ROOT, first)) ? undefined : `no file ${first}`;
  if (tool === 'docker')
    return existsSync(join(ROOT, first === 'compose' ? 'docker-compose.yml' : 'Dockerfile'))
      ? undefined
      : 'no Docker file';
  return tool && SYSTEM_TOOLS.has(tool)
    ? undefined
    : `unknown command ${tool} (mark illustrations as text, or teach this test the command)`;
}

describe('runnable shell blocks in the docs', () => {
  const blocks = markdownFiles()
    .filter((file) => !file.startsWith('bench/results/'))
    .flatMap((file) =>
      parseMarkdown(readRepoFile(file))
        .blocks.filter((b) => RUNNABLE.has(b.lang))
        .map((block) => ({ file, block })),
    );

  it('exist (the quick start at least)', () => {
    expect(blocks.filter(({ file }) => file === 'README.md').length).toBeGreaterThanOrEqual(1);
  });

  it('name only scripts, binaries, files and API routes that exist', () => {
    const problems = blocks.flatMap(({ file, block }) =>
      commandsOf(block.body).flatMap((command) => {
        const problem = problemOf(command);
        return problem ? [`${file}:${block.line}: ${command} → ${problem}`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });
});
