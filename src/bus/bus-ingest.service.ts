import { Inject, Injectable } from '@nestjs/common';
import type { BusEventRequest, BusEventResponse } from '@opstage/agent-node/protocol';
import type { AgentEntity } from '../agents/agent.entity';
import { AuditService } from '../audit/audit.service';
import { CapsuleServicesService } from '../capsule-services/capsule-services.service';
import type { RequestContext } from '../common/context/request-context';
import { DomainError, validationFailed } from '../common/errors/domain-error';
import { IdGenerator } from '../common/ids/id-generator';
import { redact } from '../common/redaction/redact';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { BatchOutcome } from '../database/batches';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import type { BusEventEntity } from './bus-event.entity';
import { BusEventsRepository } from './bus-events.repository';
import { BusRouterService, type RoutedCommand } from './bus-router.service';
import { BUS_EXPERIMENTAL } from './bus.mapper';
import type { EventView } from './input-mapping';
import type { Tx } from '../database/transaction';

/** The sliding window of OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN. */
export const RATE_WINDOW_MS = 60_000;

/** `data` of `POST /api/agents/:agentId/bus/events`: the wire type `BusEventResponse` with the router's outcomes. */
export interface PublishResult extends BusEventResponse {
  routedCommands: RoutedCommand[];
}

/**
 * Agent event ingestion (docs/capsule-bus.md, "Publishing an event"): source ownership, per-agent sliding-window rate
 * limit, causation depth (OPSTAGE_CAPSULE_BUS_MAX_DEPTH, which the reference ignored), redacted storage,
 * then routing. The checks and the insert share one transaction that holds the agent's window
 * lock, so concurrent publishes of one agent cannot slip past the limit together, on whichever
 * replicas they land (the count is of stored events, shared by every replica).
 */
@Injectable()
export class BusIngestService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: BusEventsRepository,
    private readonly services: CapsuleServicesService,
    private readonly router: BusRouterService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly ids: IdGenerator,
  ) {}

  async publish(ctx: RequestContext, agent: AgentEntity, dto: BusEventRequest): Promise<PublishResult> {
    const source = await this.services.findByCode(dto.sourceServiceCode);
    if (!source) {
      throw new DomainError('BUS_SOURCE_SERVICE_NOT_FOUND', 'Source Capsule Service not found.', {
        sourceServiceCode: dto.sourceServiceCode,
      });
    }
    if (source.agentId !== agent.id) {
      throw new DomainError('BUS_SOURCE_SERVICE_FORBIDDEN', 'Source Capsule Service belongs to another agent.', {
        sourceServiceCode: dto.sourceServiceCode,
      });
    }
    const occurredAt = normaliseTime(dto.occurredAt) ?? ctx.nowIso;
    const payload = dto.payload ?? {};
    const metadata = dto.metadata ?? {};

    const row = await this.tx.run(async (em) => {
      await this.assertWithinRate(ctx, agent.id, em);
      const depth = await this.depthOf(dto.causationId, em);
      const event: BusEventEntity = {
        id: this.ids.next('bev'),
        workspaceId: DEFAULT_WORKSPACE_ID,
        agentId: agent.id,
        serviceId: source.id,
        serviceCode: source.code,
        eventType: dto.eventType,
        payloadJson: JSON.stringify(redact(payload)),
        metadataJson: JSON.stringify(redact(metadata)),
        correlationId: dto.correlationId ?? null,
        causationId: dto.causationId ?? null,
        depth,
        occurredAt,
        acceptedAt: ctx.nowIso,
        routeCount: 0,
      };
      await this.events.insert(event, em);
      await this.audit.record(
        ctx,
        {
          action: 'bus.event.accepted',
          targetType: 'BusEvent',
          targetId: event.id,
          metadata: {
            eventType: event.eventType,
            sourceServiceCode: event.serviceCode,
            depth,
            causationId: event.causationId,
            dryRun: dto.routePolicy?.dryRun === true,
          },
        },
        em,
      );
      return event;
    });

    // Routes see the event as sent: secrets reach the target's command sealed, never in readable columns.
    const view: EventView = {
      id: row.id,
      eventType: row.eventType,
      sourceServiceCode: row.serviceCode,
      sourceServiceId: row.serviceId,
      agentId: row.agentId,
      occurredAt: row.occurredAt,
      correlationId: row.correlationId,
      causationId: row.causationId,
      depth: row.depth,
      payload,
      metadata,
    };
    const routedCommands = await this.router.route(ctx, row, view, dto.routePolicy?.dryRun === true);
    return { eventId: row.id, experimental: BUS_EXPERIMENTAL, routedCommands };
  }

  /** 429 with `Retry-After` = seconds until the oldest event that keeps the agent at its limit leaves the window. */
  /** Retention sweep step, one batch in its own transaction: events accepted before the cutoff. */
  pruneAcceptedBefore(cutoffIso: string, limit: number): Promise<BatchOutcome> {
    return this.tx.run((em) => this.events.pruneBatch(cutoffIso, limit, em));
  }

  private async assertWithinRate(ctx: RequestContext, agentId: string, em: Tx): Promise<void> {
    const limit = this.config.busIngestPerMin;
    await this.events.lockAgentWindow(agentId, em);
    const nowMs = ctx.now.getTime();
    const since = new Date(nowMs - RATE_WINDOW_MS).toISOString();
    const count = await this.events.countSince(agentId, since, em);
    if (count < limit) return;
    const pivot = await this.events.nthAcceptedSince(agentId, since, count - limit, em);
    const freesAt = pivot ? Date.parse(pivot) + RATE_WINDOW_MS : nowMs + RATE_WINDOW_MS;
    const retryAfterSeconds = Math.max(1, Math.ceil((freesAt - nowMs) / 1000));
    throw new DomainError(
      'BUS_RATE_LIMITED',
      `Bus rate limit exceeded: ${limit} events/min per agent.`,
      { limit, windowSeconds: RATE_WINDOW_MS / 1000, retryAfterSeconds },
      429,
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }

  /** 0 for a root event; parent depth + 1 otherwise, at most OPSTAGE_CAPSULE_BUS_MAX_DEPTH. */
  private async depthOf(causationId: string | undefined, em: Tx): Promise<number> {
    if (causationId === undefined || causationId === null) return 0;
    const parent = await this.events.findById(causationId, em);
    if (!parent) {
      throw new DomainError(
        'BUS_CAUSATION_NOT_FOUND',
        'causationId does not reference a stored bus event, so the event depth cannot be established.',
        { causationId },
      );
    }
    const depth = parent.depth + 1;
    const maxDepth = this.config.busMaxDepth;
    if (depth > maxDepth) {
      throw new DomainError(
        'BUS_DEPTH_EXCEEDED',
        `Bus event depth exceeded: max depth is ${maxDepth}. Router-caused re-entry is not allowed.`,
        { causationId, depth, maxDepth },
      );
    }
    return depth;
  }
}

function normaliseTime(value: string | undefined): string | null {
  if (value === undefined || value === null) return null;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms))
    throw validationFailed([{ path: 'occurredAt', message: 'occurredAt must be an ISO-8601 date-time' }]);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999 || date.getUTCFullYear() < 0) {
    throw validationFailed([{ path: 'occurredAt', message: 'occurredAt must be an ISO-8601 date-time' }]);
  }
  return date.toISOString();
}
