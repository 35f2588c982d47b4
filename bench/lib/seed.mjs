// Bulk seeding straight into the server's SQLite file with better-sqlite3 (method documented in
// docs/performance.md): prepared INSERTs, 20,000 rows per transaction, WAL mode, while the
// server keeps running. Rows are shaped like the ones the services write (same id prefixes,
// ISO timestamps, JSON text columns) so the server's queries see realistic data.
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { REPO_ROOT } from './server.mjs';

const require = createRequire(`${REPO_ROOT}/package.json`);
const Database = require('better-sqlite3');

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** ULID-shaped id: 10 time chars + 16 random chars, so ids sort by time like IdGenerator's. */
export function ulid(timeMs) {
  let t = timeMs;
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += CROCKFORD[bytes[i] % 32];
  return time + rand;
}

export const AUDIT_ACTIONS = [
  'agent.registered',
  'agent.heartbeat.status_changed',
  'command.created',
  'command.completed',
  'service.reported',
  'user.login',
  'user.logout',
  'registration_token.created',
  'settings.updated',
  'backup.created',
];
const ACTOR_TYPES = ['USER', 'AGENT', 'SYSTEM'];
const BATCH = 20_000;

export function openDb(path) {
  const db = new Database(path, { timeout: 30_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

/**
 * `count` audit events spread over `days` days ending `ageDays` ago (default: the last 30 days,
 * inside the 90-day retention). One INSERT … SELECT over a recursive CTE per 100k rows: about 3×
 * faster than row-by-row prepared INSERTs because no value crosses into JavaScript.
 * ids are `aud_` + 13-digit ms timestamp + 13-digit sequence, so they sort by time like ULIDs.
 */
export function seedAudit(db, count, { days = 30, ageDays = 0 } = {}) {
  const end = Date.now() - ageDays * 86_400_000;
  const span = days * 86_400_000;
  const actionCase = `CASE i % ${AUDIT_ACTIONS.length} ${AUDIT_ACTIONS.map((a, k) => `WHEN ${k} THEN '${a}'`).join(' ')} END`;
  const insert = db.prepare(`
    WITH RECURSIVE seq(i) AS (SELECT CAST(@from AS INTEGER) UNION ALL SELECT i + 1 FROM seq WHERE i < CAST(@to AS INTEGER) - 1),
    rows(i, t) AS (SELECT i, CAST(@start + (i * @span / @count) AS INTEGER) FROM seq)
    INSERT INTO audit_events (id, workspaceId, actorType, actorId, action, targetType, targetId, result, message, ipAddress, userAgent, metadataJson, createdAt)
    SELECT 'aud_' || printf('%013d', t) || printf('%013d', i), 'wks_default',
      CASE i % 3 WHEN 0 THEN 'USER' WHEN 1 THEN 'AGENT' ELSE 'SYSTEM' END,
      CASE i % 3 WHEN 0 THEN 'usr_BENCH' || (i % 500) WHEN 1 THEN 'agt_BENCH' || (i % 500) ELSE NULL END,
      ${actionCase},
      CASE i % 2 WHEN 1 THEN 'Agent' ELSE 'Command' END,
      'tgt_BENCH' || (i % 5000),
      CASE WHEN i % 20 = 0 THEN 'FAILURE' ELSE 'SUCCESS' END,
      'bench event ' || i, '127.0.0.1', 'bench-seed', '{"bench":true,"i":' || i || '}',
      strftime('%Y-%m-%dT%H:%M:%fZ', t / 1000.0, 'unixepoch')
    FROM rows`);
  const CHUNK = 100_000;
  for (let from = 0; from < count; from += CHUNK)
    insert.run({ from, to: Math.min(count, from + CHUNK), start: end - span, span, count });
}

/** `count` finished commands over the last `days` days, spread over the given agents/services. */
export function seedCommands(db, count, targets, userId, { days = 7 } = {}) {
  const insert = db.prepare(
    `INSERT INTO commands (id, workspaceId, agentId, serviceId, type, actionName, status, payloadJson, createdByUserId, createdByType, createdById,
       errorCode, errorMessage, createdAt, updatedAt, startedAt, completedAt, expiresAt)
     VALUES (?, 'wks_default', ?, ?, 'ACTION_EXECUTE', ?, ?, ?, ?, 'USER', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const statuses = [
    'SUCCEEDED',
    'SUCCEEDED',
    'SUCCEEDED',
    'SUCCEEDED',
    'SUCCEEDED',
    'SUCCEEDED',
    'SUCCEEDED',
    'FAILED',
    'EXPIRED',
    'CANCELLED',
  ];
  const now = Date.now();
  const span = days * 86_400_000;
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const t = now - span + Math.floor((i / count) * span);
      const target = targets[i % targets.length];
      const status = statuses[i % statuses.length];
      const iso = new Date(t).toISOString();
      const done = new Date(t + 50).toISOString();
      insert.run(
        `cmd_${ulid(t)}`,
        target.agentId,
        target.serviceId,
        i % 4 === 0 ? 'restart' : 'echo',
        status,
        `{"n":${i}}`,
        userId,
        userId,
        status === 'FAILED' ? 'ACTION_FAILED' : null,
        status === 'FAILED' ? 'bench failure' : null,
        iso,
        done,
        iso,
        done,
        new Date(t + 300_000).toISOString(),
      );
    }
  });
  for (let from = 0; from < count; from += BATCH) batch(from, Math.min(count, from + BATCH));
}

/**
 * `count` ONLINE agents with one ACTIVE token each, written like AgentsService.registerOrRotate does
 * (token stored as its SHA-256 hex). Returns the raw tokens so clients can authenticate. This is
 * how the fleet scenario gets 15k+ agents in seconds instead of 30k admin/register round trips.
 */
export function seedAgents(db, count, prefix) {
  const insertAgent = db.prepare(
    `INSERT INTO agents (id, workspaceId, code, name, mode, runtime, status, lastHeartbeatAt, createdAt, updatedAt)
     VALUES (?, 'wks_default', ?, ?, 'embedded', 'nodejs', 'ONLINE', ?, ?, ?)`,
  );
  const insertToken = db.prepare(
    `INSERT INTO agent_tokens (id, agentId, tokenHash, name, status, lastUsedAt, revokedAt, createdAt, updatedAt)
     VALUES (?, ?, ?, NULL, 'ACTIVE', NULL, NULL, ?, ?)`,
  );
  const agents = [];
  const batch = db.transaction((from, to) => {
    const now = Date.now();
    const iso = new Date(now).toISOString();
    for (let i = from; i < to; i++) {
      const agentId = `agt_${ulid(now)}`;
      const agentToken = `opstage_agent_${randomBytes(32).toString('base64url')}`;
      insertAgent.run(agentId, `${prefix}-${i}`, `Fleet ${i}`, iso, iso, iso);
      insertToken.run(
        `tok_${ulid(now)}`,
        agentId,
        createHash('sha256').update(agentToken, 'utf8').digest('hex'),
        iso,
        iso,
      );
      agents.push({ agentId, agentToken, code: `${prefix}-${i}` });
    }
  });
  for (let from = 0; from < count; from += BATCH) batch(from, Math.min(count, from + BATCH));
  return agents;
}
