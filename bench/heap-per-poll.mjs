#!/usr/bin/env node
// Heap bytes a parked long-poll costs the server: `node bench/heap-per-poll.mjs [--polls=2000]` (build first:
// `npx nest build && node scripts/bundle.mjs`). N seeded agents each open a keep-alive connection and poll once
// without waiting (so sockets, token caches and code are warm), then the server's heap is snapshotted; then each
// parks a 30 s poll on the same connection and it is snapshotted again. Both snapshots follow a full collection,
// so the difference divided by N is what one parked poll keeps alive; the largest differences by constructor say
// what it is made of (docs/performance.md, "What limits the fleet").
import { existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'undici';
import { openDb, seedAgents } from './lib/seed.mjs';
import { startOpstage } from './lib/server.mjs';
import { sleep } from './lib/stats.mjs';

const arg = process.argv.find((a) => a.startsWith('--polls='));
const polls = arg ? Number(arg.slice('--polls='.length)) : 2000;
if (!Number.isInteger(polls) || polls < 1 || polls > 15000)
  throw new Error('--polls must be an integer from 1 to 15000');

const server = await startOpstage({ nodeArgs: ['--heapsnapshot-signal=SIGUSR2'] });
const clients = [];
try {
  const db = openDb(server.databasePath);
  const agents = seedAgents(db, polls, 'heap');
  db.close();
  for (const a of agents) clients.push(new Client(server.origin, { pipelining: 1, keepAliveTimeout: 120_000 }));
  const poll = (i, wait) =>
    clients[i].request({
      method: 'GET',
      path: `/api/agents/${agents[i].agentId}/commands?waitSeconds=${wait}`,
      headers: { authorization: `Bearer ${agents[i].agentToken}` },
    });
  for (let i = 0; i < polls; i += 100) {
    await Promise.all(agents.slice(i, i + 100).map(async (_, k) => (await poll(i + k, 0)).body.dump()));
  }
  const before = await snapshot('before');
  const parked = agents.map((_, i) => poll(i, 30).catch(() => undefined));
  await sleep(3000);
  const after = await snapshot('after');
  const delta = after.total - before.total;
  console.log(
    `${polls} parked polls: heap ${mb(before.total)} -> ${mb(after.total)} MB, ${Math.round(delta / polls)} bytes per poll`,
  );
  const rows = [...after.byName].map(([name, size]) => [name, (size - (before.byName.get(name) ?? 0)) / polls]);
  rows.sort((a, b) => b[1] - a[1]);
  for (const [name, bytes] of rows.slice(0, 25)) console.log(`${String(Math.round(bytes)).padStart(7)}  ${name}`);
  void parked;
} finally {
  await Promise.all(clients.map((c) => c.destroy().catch(() => undefined)));
  await server.stop();
}

/** Signals the server for a heap snapshot and sums its nodes' self sizes, in total and by type and name. */
async function snapshot(label) {
  const existing = new Set(readdirSync(server.dataDir));
  process.kill(server.pid, 'SIGUSR2');
  let file;
  let size = -1;
  for (let waited = 0; waited < 120_000; waited += 500) {
    await sleep(500);
    file ??= readdirSync(server.dataDir).find((f) => f.endsWith('.heapsnapshot') && !existing.has(f));
    if (!file) continue;
    const now = statSync(join(server.dataDir, file)).size;
    if (now === size && now > 0) break;
    size = now;
  }
  if (!file || !existsSync(join(server.dataDir, file))) throw new Error(`no heap snapshot (${label})`);
  const path = join(server.dataDir, `${label}.heapsnapshot`);
  renameSync(join(server.dataDir, file), path);
  const snap = JSON.parse(readFileSync(path, 'utf8'));
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const byName = new Map();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const size = snap.nodes[i + sizeAt];
    const type = types[snap.nodes[i + typeAt]];
    const key = type === 'object' || type === 'closure' ? `${type} ${snap.strings[snap.nodes[i + nameAt]]}` : type;
    byName.set(key, (byName.get(key) ?? 0) + size);
    total += size;
  }
  return { total, byName };
}

function mb(bytes) {
  return (bytes / 1e6).toFixed(1);
}
