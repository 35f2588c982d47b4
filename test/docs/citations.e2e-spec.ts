import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { headingTitles, readRepoFile, ROOT } from './markdown';

/**
 * Code and docs cite only this repository's own pages, by page and heading:
 * `(docs/design/decisions.md, "Quiet heartbeats")`. A newcomer cannot follow a citation of a
 * document that is not in the repository (the specs the project started from), so those fail here.
 */
const ROOTS = ['src', 'sdk', 'admin-ui/src', 'admin-ui/e2e', 'test', 'scripts', 'bench', 'migrations', 'docs'].concat([
  'README.md',
  'CHANGELOG.md',
  'eslint.config.mjs',
]);
const SELF = 'test/docs/citations.e2e-spec.ts';

/** Every tracked (or trackable) source and documentation file under ROOTS, generated folders excluded. */
function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...ROOTS], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .filter(
      (f) =>
        /\.(ts|mjs|js|md|html)$/.test(f) &&
        !/(^|\/)(node_modules|dist)\//.test(f) &&
        f !== SELF &&
        existsSync(join(ROOT, f)),
    );
}

/**
 * Ways the code used to cite documents outside the repository: the specs by section
 * (`backend.md` and `sdk-ui-ops.md` sections, `spec C.4`), the numbered design decisions, the
 * shared architecture and toolchain pages, and the specs' shorthand for the reference system and
 * its recommendations (REF, REC), and the numbered house rules of the shared architecture page.
 */
const OUTSIDE: RegExp[] = [
  /(architecture|decisions?|backend|sdk-ui-ops|toolchain)(\.md)?`? ?§/i,
  /§/,
  /\bdecisions?[\s*/]+\d/i,
  /\b(backend|decisions|sdk-ui-ops|toolchain)\.md\b/,
  /shared\/spec/,
  /\bspec [A-E]\.\d/,
  /\bREF\b/,
  /\bREC\b/,
  /\bhouse rules? \d/i,
];

/** In-repository paths that look like the old citations: our own design pages and Markdown link targets (test/docs/links checks those resolve). */
function withoutOwnPages(text: string): string {
  return withoutOwnLinks(text).replace(/(?:docs\/)?design\/[\w-]+\.md/g, '');
}

function withoutOwnLinks(text: string): string {
  return text.replace(/\[[^\]\n]*\]\((?![a-z][a-z0-9+.-]*:)[^)\s]*\)/gi, '[]()');
}

/** `// ` and ` * ` continuations joined, so a citation that wraps across comment lines reads as one. */
function joinedComments(text: string): string {
  return text.replace(/\s*\n\s*(?:\*(?!\/)|\/\/)?\s*/g, ' ');
}

interface Citation {
  file: string;
  page: string;
  heading: string;
}

/** `docs/<page>.md, "Heading"` (or `sdk/README.md, "Heading"`) in any file, with or without the surrounding parentheses. */
function citationsIn(file: string, text: string): Citation[] {
  const found = joinedComments(text).matchAll(/\b((?:docs|sdk)\/[\w/.-]*\.md),\s*"([^"]+)"/g);
  return [...found].map((m) => ({ file, page: m[1] as string, heading: m[2] as string }));
}

/** Every `docs/….md` path named outside Markdown links (those are checked by links.e2e-spec.ts). */
function pagesNamedIn(text: string): string[] {
  return [...withoutOwnLinks(text).matchAll(/(?<![\w/.-])(docs\/[\w/.-]*\.md)\b/g)].map((m) => m[1] as string);
}

function normalised(heading: string): string {
  return heading.replace(/`/g, '').replace(/\s+/g, ' ').trim();
}

describe('Citations in code and docs', () => {
  const files = sourceFiles();
  const texts = new Map(files.map((f) => [f, readRepoFile(f)]));

  it('scans the server, the SDK, the console, the tests and the docs', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'src/main.ts',
        'sdk/src/protocol.ts',
        'admin-ui/src/main.ts',
        'docs/agents.md',
        'eslint.config.mjs',
      ]),
    );
  });

  it('no file cites a document outside the repository', () => {
    const found = files.flatMap((file) =>
      withoutOwnPages(texts.get(file) as string)
        .split('\n')
        .flatMap((line, index, lines) => {
          // A citation may wrap onto the next comment line ("decision" / " * 14").
          const next = lines[index + 1] ?? '';
          const wrapped = joinedComments(`${line}\n${next}`);
          const cites = OUTSIDE.some((pattern) => pattern.test(line) || (pattern.test(wrapped) && !pattern.test(next)));
          return cites ? [`${file}:${index + 1}: ${line.trim()}`] : [];
        }),
    );
    expect(found).toEqual([]);
  });

  it('every (docs/<page>.md, "Heading") citation names an existing page and heading', () => {
    const citations = files.flatMap((file) => citationsIn(file, texts.get(file) as string));
    expect(citations.length).toBeGreaterThan(50);
    const titles = new Map<string, Set<string> | undefined>();
    const broken = citations.flatMap(({ file, page, heading }) => {
      if (!titles.has(page)) {
        titles.set(
          page,
          existsSync(join(ROOT, page)) ? new Set([...headingTitles(readRepoFile(page))].map(normalised)) : undefined,
        );
      }
      const known = titles.get(page);
      if (!known) return [`${file}: ${page} (no such page)`];
      return known.has(normalised(heading)) ? [] : [`${file}: ${page}, "${heading}" (no such heading)`];
    });
    expect(broken).toEqual([]);
  });

  it('every docs/….md page named in code and docs exists', () => {
    const missing = files.flatMap((file) =>
      pagesNamedIn(texts.get(file) as string).flatMap((page) =>
        existsSync(join(ROOT, page)) ? [] : [`${file}: ${page}`],
      ),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  it('the checks recognise the old citation forms and accept the new ones', () => {
    const old = [
      '(backend.md §4.8)',
      '(decision 15)',
      'decisions 16/17/27',
      'decision\n * 14)',
      '(architecture §3.5)',
      'sdk-ui-ops §A.4',
      '(§A.9)',
      '(spec C.7)',
      'as REF',
      '(house rule 6)',
      'see ../shared/spec/decisions.md',
    ];
    expect(
      old.filter((text) => !OUTSIDE.some((pattern) => pattern.test(withoutOwnPages(joinedComments(text))))),
    ).toEqual([]);
    const own = [
      '(docs/design/decisions.md, "Quiet heartbeats")',
      '[decisions](design/decisions.md#quiet-heartbeats)',
      '[decisions.md](decisions.md)',
    ];
    expect(own.filter((text) => OUTSIDE.some((pattern) => pattern.test(withoutOwnPages(text))))).toEqual([]);
    expect(pagesNamedIn('see docs/design/nowhere.md and [x](docs/agents.md)')).toEqual(['docs/design/nowhere.md']);
    expect(citationsIn('x.ts', '/** Wraps (docs/design/decisions.md,\n * "Quiet heartbeats"). */')).toEqual([
      { file: 'x.ts', page: 'docs/design/decisions.md', heading: 'Quiet heartbeats' },
    ]);
  });
});
