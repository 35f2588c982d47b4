import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context';
import { DomainEvents } from '../common/events/domain-events';
import { IdGenerator } from '../common/ids/id-generator';
import { redact } from '../common/redaction/redact';
import type { BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import type { AuditEventEntity } from './audit-event.entity';
import { AuditRepository } from './audit.repository';
import type { Tx } from '../database/transaction';
import type { AuditActorType, AuditResult } from '../contracts';

/** One audit record; `actor` defaults to the context's principal. */
export interface AuditInput {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  result?: AuditResult;
  message?: string | null;
  metadata?: Record<string, unknown>;
  actor?: { type: AuditActorType; id: string | null };
}

/**
 * Writes audit rows, inside the caller's transaction when given its manager, so a change and
 * its audit commit together. Metadata is redacted by key and by value before it is stored.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly ids: IdGenerator,
    private readonly tx: TransactionRunner,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Inside the caller's transaction, so the change and its audit commit together; once that
   * transaction committed the row is announced (`audit.recorded`, the console's live stream).
   */
  async record(ctx: RequestContext, input: AuditInput, tx: Tx): Promise<void> {
    const row = this.toRow(ctx, input);
    await this.repository.insert(row, tx);
    this.tx.afterCommit(tx, () =>
      this.events.emit('audit.recorded', {
        auditEventId: row.id,
        action: row.action,
        actorType: row.actorType,
        actorId: row.actorId,
        targetType: row.targetType,
        targetId: row.targetId,
        result: row.result,
        occurredAt: row.createdAt,
        requestId: ctx.requestId,
      }),
    );
  }

  /** An audit row on its own (nothing else to commit with it), in its own short transaction. */
  recordNow(ctx: RequestContext, input: AuditInput): Promise<void> {
    return this.tx.run((tx) => this.record(ctx, input, tx));
  }

  /**
   * The row `record` would write, for a caller that batches its writes: the LivenessWriter
   * stores sampled `agent.heartbeat.received` rows with its liveness stamps (`insertRow`).
   */
  toRow(ctx: RequestContext, input: AuditInput): AuditEventEntity {
    const actor = input.actor ?? actorOf(ctx);
    // The token's name (and its user) travel with every row it causes, so the log reads without a join (docs/api-tokens-and-cli.md).
    const metadata =
      ctx.principal.kind === 'api-token' && input.actor === undefined
        ? { ...input.metadata, actorName: ctx.principal.name, actorUserId: ctx.principal.userId }
        : (input.metadata ?? {});
    return {
      id: this.ids.next('aud'),
      workspaceId: DEFAULT_WORKSPACE_ID,
      actorType: actor.type,
      actorId: actor.id,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      result: input.result ?? 'SUCCESS',
      message: input.message ?? null,
      ipAddress: ctx.ip,
      userAgent: ctx.userAgent,
      metadataJson: JSON.stringify(redact(metadata)),
      createdAt: ctx.nowIso,
    };
  }

  /** Retention sweep step, one batch in its own transaction: rows older than the cutoff. */
  pruneOlderThan(cutoffIso: string, limit: number): Promise<BatchOutcome> {
    return this.tx.run((em) => this.repository.pruneBatch(cutoffIso, limit, em));
  }

  /** Stores a row made by `toRow` (inside the caller's transaction). */
  async insertRow(row: AuditEventEntity, em: Tx): Promise<void> {
    await this.repository.insert(row, em);
  }
}

function actorOf(ctx: RequestContext): { type: AuditActorType; id: string | null } {
  switch (ctx.principal.kind) {
    case 'user':
      return { type: 'USER', id: ctx.principal.id };
    case 'agent':
      return { type: 'AGENT', id: ctx.principal.id };
    case 'api-token':
      return { type: 'API_TOKEN', id: ctx.principal.id };
    case 'system':
      return { type: 'SYSTEM', id: null };
    case 'anonymous':
      return { type: 'USER', id: null };
  }
}
