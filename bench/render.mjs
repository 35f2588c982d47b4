#!/usr/bin/env node
// Re-renders bench/results/<name>.md (and the table inside <name>.json) from <name>.json with the
// current report code: `node bench/render.mjs [name]` (default latest). No server is started.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMarkdown, tableRows } from './lib/report.mjs';
import { REPO_ROOT } from './lib/server.mjs';

const name = process.argv[2] ?? 'latest';
if (!/^[a-z0-9-]+$/.test(name)) throw new Error('name must match [a-z0-9-]+');
const dir = join(REPO_ROOT, 'bench', 'results');
const results = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
results.table = tableRows(results);
writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
const md = renderMarkdown(results);
writeFileSync(join(dir, `${name}.md`), md);
process.stdout.write(md);
