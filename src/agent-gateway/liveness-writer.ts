import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { AgentEntity } from '../agents/agent.entity';
import { AgentsService } from '../agents/agents.service';
import type { AuditEventEntity } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { ReadBarrier } from '../common/consistency/read-barrier';
import { isStorageFull, StorageGuard } from '../database/storage-guard';
import { TransactionRunner } from '../database/transaction-runner';
import type { Tx } from '../database/transaction';

/** How long liveness writes wait to be coalesced: the most a stored `lastHeartbeatAt` lags. */
export const LIVENESS_FLUSH_MS = 1000;
/** Rows per flush transaction; the event loop gets a turn between chunks (SQLite is synchronous). */
const FLUSH_CHUNK = 250;
/** Audit rows kept for a later flush while writes fail (full disk); the oldest go first beyond this. */
const MAX_AUDIT_BACKLOG = 50_000;

/** A sampled audit row, stored only if its claim on the agent's audit window still holds at flush time. */
interface SampledAudit {
  row: AuditEventEntity;
  claim: { agentId: string; cutoffIso: string };
}

/**
 * Write-behind for the fleet's liveness records: the stamps `agents.lastHeartbeatAt`
 * (heartbeats and polls) and `agent_tokens.lastUsedAt`, and the sampled
 * `agent.heartbeat.received` audit rows. A fleet of 20,000 agents on a 30 s interval produces
 * about 2,000 stamps a second, and up to 20,000 sampled heartbeat audits in a window (each
 * stored only if its claim on `agents.heartbeatAuditAt` wins in the same transaction); one autocommit costs 30–135 µs of the
 * single event loop, a row in a batched transaction 25–30 µs (bench/). Stamps are coalesced per
 * id; everything is flushed once a second in chunked transactions, so each agent's row is still
 * written at most once a second (docs/design/decisions.md, "Quiet heartbeats"), stamps never move backwards, and an audit row
 * keeps the time of its heartbeat.
 *
 * Only these wait, for at most LIVENESS_FLUSH_MS (a crash loses at most that much of them).
 * Status transitions (PENDING/OFFLINE → ONLINE), their audits and everything else are written
 * at once. Readers never see the lag: this is the app's ReadBarrier, settled before every
 * operator request and metrics scrape (never on the agent routes, which would turn the batch
 * back into a write per heartbeat). The sweep flushes first, so it never judges an agent offline
 * from a stamp still in memory; shutdown flushes before the database closes.
 */
@Injectable()
export class LivenessWriter implements ReadBarrier, BeforeApplicationShutdown {
  private readonly logger = new Logger('agent-gateway');
  private heartbeats = new Map<string, string>();
  /** Stamps taken by a flush that has not committed yet: still "pending" for readers. */
  private readonly writing = new Set<Map<string, string>>();
  private tokenUses = new Map<string, string>();
  private audits: SampledAudit[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly agents: AgentsService,
    private readonly audit: AuditService,
    private readonly storage: StorageGuard,
  ) {}

  /** The agent was heard from at `atIso` (heartbeat or poll). */
  heartbeat(agentId: string, atIso: string): void {
    keepLatest(this.heartbeats, agentId, atIso);
    this.schedule();
  }

  /** The agent token was used at `atIso`. */
  tokenUsed(tokenId: string, atIso: string): void {
    keepLatest(this.tokenUses, tokenId, atIso);
    this.schedule();
  }

  /**
   * A sampled liveness audit row (`AuditService.toRow`), stored with the next flush if the agent's
   * audit window (claimed in the database, in the same transaction) has not been taken since
   * `cutoffIso` by this or another replica.
   */
  auditLater(row: AuditEventEntity, agentId: string, cutoffIso: string): void {
    this.audits.push({ row, claim: { agentId, cutoffIso } });
    this.schedule();
  }

  /** The newest stamp not yet stored for this agent (waiting, or in a flush under way), if any. */
  pendingHeartbeat(agentId: string): string | undefined {
    let newest = this.heartbeats.get(agentId);
    for (const map of this.writing) {
      const at = map.get(agentId);
      if (at !== undefined && (newest === undefined || newest < at)) newest = at;
    }
    return newest;
  }

  /** `agent` with the newer of its stored and its waiting `lastHeartbeatAt`: the agent as last heard from. */
  withPending(agent: AgentEntity): AgentEntity {
    const pending = this.pendingHeartbeat(agent.id);
    return pending !== undefined && (agent.lastHeartbeatAt === null || agent.lastHeartbeatAt < pending)
      ? { ...agent, lastHeartbeatAt: pending }
      : agent;
  }

  /**
   * Writes everything pending now and resolves once it (and any earlier flush) is stored. A
   * failed flush is logged, not thrown: losing a liveness stamp is not worth failing a request.
   */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.heartbeats.size === 0 && this.tokenUses.size === 0 && this.audits.length === 0) return this.flushing;
    const heartbeats = this.heartbeats;
    const tokenUses = [...this.tokenUses];
    const audits = this.audits;
    this.heartbeats = new Map();
    this.tokenUses = new Map();
    this.audits = [];
    this.writing.add(heartbeats);
    this.flushing = this.flushing
      .then(() => this.write([...heartbeats], tokenUses, audits))
      .finally(() => this.writing.delete(heartbeats));
    return this.flushing;
  }

  settle(): Promise<void> {
    return this.flush();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), LIVENESS_FLUSH_MS);
    this.timer.unref();
  }

  /**
   * A failed flush (a full disk, a locked file) keeps what it could not store for the next one,
   * so agents do not look stale and no sampled audit is lost while the disk is full.
   */
  private async write(
    heartbeats: [string, string][],
    tokenUses: [string, string][],
    audits: SampledAudit[],
  ): Promise<void> {
    let stage = 'heartbeats';
    try {
      await this.writeChunked(heartbeats, (em, [id, atIso]) => this.agents.touchHeartbeat(id, atIso, em));
      stage = 'tokens';
      await this.writeChunked(tokenUses, (em, [id, atIso]) => this.agents.touchTokenUse(id, atIso, em));
      stage = 'audits';
      await this.writeChunked(audits, async (em, { row, claim }) => {
        if (await this.agents.claimHeartbeatAudit(claim.agentId, row.createdAt, claim.cutoffIso, em))
          await this.audit.insertRow(row, em);
      });
    } catch (error) {
      const failed = (error as { stored?: number }).stored ?? 0;
      if (stage === 'heartbeats') this.keepForLater(heartbeats.slice(failed), tokenUses, audits);
      else if (stage === 'tokens') this.keepForLater([], tokenUses.slice(failed), audits);
      else this.keepForLater([], [], audits.slice(failed));
      if (isStorageFull(error)) this.storage.refusedWrite('liveness flush', error);
      else
        this.logger.error({
          msg: 'liveness flush failed',
          error: error instanceof Error ? error.message : String(error),
        });
    }
  }

  private keepForLater(heartbeats: [string, string][], tokenUses: [string, string][], audits: SampledAudit[]): void {
    for (const [id, atIso] of heartbeats) keepLatest(this.heartbeats, id, atIso);
    for (const [id, atIso] of tokenUses) keepLatest(this.tokenUses, id, atIso);
    this.audits = [...audits, ...this.audits];
    if (this.audits.length > MAX_AUDIT_BACKLOG) {
      const dropped = this.audits.length - MAX_AUDIT_BACKLOG;
      this.audits = this.audits.slice(dropped);
      this.logger.warn({ msg: 'liveness audit backlog full; oldest sampled heartbeat audits dropped', dropped });
    }
    this.schedule();
  }

  /** Writes `entries` in chunked transactions; on failure the error carries `stored`, the entries already committed. */
  private async writeChunked<T>(entries: T[], write: (em: Tx, entry: T) => Promise<void>): Promise<void> {
    for (let i = 0; i < entries.length; i += FLUSH_CHUNK) {
      const chunk = entries.slice(i, i + FLUSH_CHUNK);
      try {
        await this.tx.run(async (em) => {
          for (const entry of chunk) await write(em, entry);
        });
      } catch (error) {
        throw Object.assign(error instanceof Error ? error : new Error(String(error)), { stored: i });
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

function keepLatest(map: Map<string, string>, key: string, atIso: string): void {
  const current = map.get(key);
  // ISO-8601 UTC stamps of one format order as strings.
  if (current === undefined || current < atIso) map.set(key, atIso);
}
