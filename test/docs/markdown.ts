import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** Every Markdown file git tracks (or would track), so generated folders never count. */
export function markdownFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return listed.split('\n').filter((f) => f.length > 0 && !f.includes('node_modules/'));
}

export interface FencedBlock {
  lang: string;
  body: string;
  line: number;
}

/** Splits a page into its fenced code blocks and the prose around them (code blocks blanked). */
export function parseMarkdown(text: string): { prose: string; blocks: FencedBlock[] } {
  const blocks: FencedBlock[] = [];
  const prose: string[] = [];
  let open: { fence: string; lang: string; line: number; body: string[] } | undefined;
  text.split('\n').forEach((line, index) => {
    const fence = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (!open && fence) {
      open = { fence: fence[1] as string, lang: (fence[2] ?? '').toLowerCase(), line: index + 1, body: [] };
      prose.push('');
    } else if (open && line.trim().startsWith(open.fence)) {
      blocks.push({ lang: open.lang, body: open.body.join('\n'), line: open.line });
      open = undefined;
      prose.push('');
    } else if (open) {
      open.body.push(line);
      prose.push('');
    } else {
      prose.push(line);
    }
  });
  return { prose: prose.join('\n'), blocks };
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of parseMarkdown(text).prose.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const title = (match[1] as string).replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const match of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1] as string);
  return anchors;
}

/** The text of every heading of a page, as written (inline code marks kept). */
export function headingTitles(text: string): Set<string> {
  return new Set([...parseMarkdown(text).prose.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => m[1] as string));
}

export function readRepoFile(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}
