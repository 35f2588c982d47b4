// Shared by the profile readers (profile-summary.mjs, long-tasks.mjs): a V8 `.cpuprofile` of the bundled
// server with each frame attributed to the package or server directory it comes from, using esbuild's
// `// <path>` section comments in main.bundle.js.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Reads `file` and returns the profile, its nodes by id, each node's parent, and `packageOf(node)`. */
export function loadProfile(file, distDir = 'dist') {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const sections = [];
  const lines = readFileSync(resolve(join(distDir, 'src', 'main.bundle.js')), 'utf8').split('\n');
  lines.forEach((line, i) => {
    const m = /^\/\/ ((?:node_modules|dist)\/\S+)$/.exec(line);
    if (m) sections.push({ line: i, path: m[1] });
  });
  const sectionOf = (lineNumber) => {
    let lo = 0;
    let hi = sections.length - 1;
    let found = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sections[mid].line <= lineNumber) {
        found = sections[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found?.path ?? '(bundle prelude)';
  };
  const packageOf = (node) => {
    const { url, functionName, lineNumber } = node.callFrame;
    if (!url) return functionName.startsWith('(') ? functionName : '(native/V8 builtins)';
    if (url.endsWith('main.bundle.js')) {
      const path = sectionOf(lineNumber);
      const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      return m ? m[1] : path.replace(/^dist\/src\/([^/]+).*$/, 'opstage:$1');
    }
    if (url.startsWith('node:')) return 'node:core';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    return m ? m[1] : url;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return { profile, byId, parent, packageOf };
}

/** `name  [package:line]`, the key both readers report frames by. */
export function frameKey(node, packageOf) {
  return `${node.callFrame.functionName || '(anonymous)'}  [${packageOf(node)}:${node.callFrame.lineNumber + 1}]`;
}
