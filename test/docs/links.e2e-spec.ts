import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { headingAnchors, markdownFiles, parseMarkdown, readRepoFile, ROOT } from './markdown';

interface Link {
  file: string;
  target: string;
}

/** Inline links and images `[text](target)` and reference definitions `[id]: target`, outside code. */
function linksOf(file: string): Link[] {
  const prose = parseMarkdown(readRepoFile(file)).prose.replace(/`[^`\n]*`/g, '');
  const inline = [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] as string);
  const defined = [...prose.matchAll(/^\s*\[[^\]]+\]:\s+<?(\S+?)>?\s*$/gm)].map((m) => m[1] as string);
  return [...inline, ...defined].map((target) => ({ file, target }));
}

/** Why a relative link does not resolve, or undefined when it does. */
function brokenReason({ file, target }: Link): string | undefined {
  const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
  const resolved = pathPart === '' ? file : normalize(join(dirname(file), decodeURIComponent(pathPart)));
  if (relative(ROOT, join(ROOT, resolved)).startsWith('..')) return 'points outside the repository';
  const absolute = join(ROOT, resolved);
  if (!existsSync(absolute)) return 'no such file';
  if (anchor === undefined || anchor === '') return undefined;
  if (statSync(absolute).isDirectory() || !resolved.endsWith('.md')) return 'anchor on a file that is not Markdown';
  return headingAnchors(readRepoFile(resolved)).has(decodeURIComponent(anchor).toLowerCase())
    ? undefined
    : `no heading #${anchor}`;
}

describe('Markdown links', () => {
  const files = markdownFiles();

  it('finds the README and the docs pages', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/configuration.md', 'docs/troubleshooting.md']));
  });

  it('every relative link and anchor in the repository Markdown resolves', () => {
    const links = files.flatMap(linksOf).filter(({ target }) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
    expect(links.length).toBeGreaterThan(20);
    const broken = links.flatMap((link) => {
      const reason = brokenReason(link);
      return reason ? [`${link.file}: ${link.target} (${reason})`] : [];
    });
    expect(broken).toEqual([]);
  });

  it('the README links to every page in docs/', () => {
    const readme = readRepoFile('README.md');
    const pages = files.filter((f) => /^docs\/[^/]+\.md$/.test(f));
    expect(pages.filter((page) => !readme.includes(`](${page})`))).toEqual([]);
  });
});
