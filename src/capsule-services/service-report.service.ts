import { Injectable } from '@nestjs/common';
import type { HealthReportInput, ReportedService } from '@opstage/agent-node/protocol';
import type { AgentEntity } from '../agents/agent.entity';
import { AgentsService } from '../agents/agents.service';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { TokenService } from '../common/crypto/token-service';
import { DomainEvents } from '../common/events/domain-events';
import { DomainError } from '../common/errors/domain-error';
import { IdGenerator } from '../common/ids/id-generator';
import { TransactionRunner } from '../database/transaction-runner';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import type { ActionDefinitionEntity } from './action-definition.entity';
import type { CapsuleServiceEntity } from './capsule-service.entity';
import { CapsuleServicesRepository } from './capsule-services.repository';
import { CapsuleServicesService } from './capsule-services.service';
import { CatalogRepository } from './catalog.repository';
import { HealthHistoryWriter } from './health-history';
import type { ConfigItemEntity } from './config-item.entity';
import { canonicalJson, normalizeHealth, normalizeReport, type NormalizedReport } from './report-normalizer';
import { storedStatusFromHealth } from './service-status';
import type { Tx } from '../database/transaction';
import type { CapsuleServiceResponse, HealthStatus } from '../contracts';

/** Manifests larger than this are refused with 413 (they are shown to every operator). */
export const MAX_MANIFEST_BYTES = 256 * 1024;
/** A heartbeat repeating the same health rewrites it at most this often (docs/design/decisions.md, "Quiet heartbeats"). */
const HEALTH_REFRESH_MS = 60_000;

/**
 * Upsert of reported services (docs/agents.md, "Service reports"): no takeover of another agent's
 * code, configs and actions upserted by key/name with stable ids, a report replaces the whole
 * catalog (what it no longer lists is gone from every read), health history bounded, audit only
 * on real change.
 */
@Injectable()
export class ServiceReportService {
  constructor(
    private readonly services: CapsuleServicesRepository,
    private readonly catalog: CatalogRepository,
    private readonly capsuleServices: CapsuleServicesService,
    private readonly agents: AgentsService,
    private readonly settings: RuntimeSettingsService,
    private readonly audit: AuditService,
    private readonly ids: IdGenerator,
    private readonly tokenService: TokenService,
    private readonly tx: TransactionRunner,
    private readonly events: DomainEvents,
    private readonly history: HealthHistoryWriter,
  ) {}

  /**
   * `POST /api/agents/:agentId/services/report`: each service in its own short transaction; a
   * refused one (409/413) stops the report. Codes must be unique within one report.
   */
  async report(
    ctx: RequestContext,
    agent: AgentEntity,
    services: readonly ReportedService[],
  ): Promise<{ services: CapsuleServiceResponse[] }> {
    const codes = new Set<string>();
    for (const s of services) {
      if (codes.has(s.code))
        throw new DomainError('VALIDATION_FAILED', 'Duplicate service code in report.', {
          issues: [{ path: 'services', message: `duplicate code ${s.code}` }],
        });
      codes.add(s.code);
    }
    const out: CapsuleServiceResponse[] = [];
    const nowMs = ctx.now.getTime();
    for (const s of services) {
      const service = await this.tx.run((em) => this.upsert(ctx, agent, s, em));
      out.push(this.capsuleServices.toResponse(service, agent, nowMs));
    }
    return { services: out };
  }

  /** One service inside the caller's transaction; returns the stored row. */
  async upsert(ctx: RequestContext, agent: AgentEntity, dto: ReportedService, em: Tx): Promise<CapsuleServiceEntity> {
    if (Buffer.byteLength(JSON.stringify(dto.manifest), 'utf8') > MAX_MANIFEST_BYTES) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `Manifest of ${dto.code} exceeds ${MAX_MANIFEST_BYTES} bytes.`, {
        code: dto.code,
        maxBytes: MAX_MANIFEST_BYTES,
      });
    }
    const now = ctx.nowIso;
    const report = normalizeReport(dto);
    const fingerprint = this.tokenService.hash(canonicalJson(report));
    const health = dto.health ? normalizeHealth(dto.health) : null;
    const healthStatus: HealthStatus = dto.health?.status ?? 'UNKNOWN';
    const existing = await this.services.findByCode(dto.code, em);

    if (existing && existing.agentId !== agent.id) await this.assertCanTakeOver(ctx, existing, agent, em);

    const fields = {
      agentId: agent.id,
      name: report.name,
      description: report.description,
      version: report.version,
      runtime: report.runtime,
      status: storedStatusFromHealth(healthStatus),
      healthStatus,
      healthMessage: health?.message ?? null,
      manifestJson: JSON.stringify(report.manifest),
      capabilitiesJson: JSON.stringify(report.capabilities),
      eventsJson: JSON.stringify(report.events),
      reportFingerprint: fingerprint,
      lastReportedAt: now,
      lastHealthAt: health ? now : (existing?.lastHealthAt ?? null),
      updatedAt: now,
    };
    let service: CapsuleServiceEntity;
    if (existing) {
      await this.services.update(existing.id, fields, em);
      service = { ...existing, ...fields };
    } else {
      service = {
        id: this.ids.next('svc'),
        workspaceId: DEFAULT_WORKSPACE_ID,
        code: dto.code,
        createdAt: now,
        ...fields,
      };
      await this.services.insert(service, em);
    }
    const changed = !existing || existing.reportFingerprint !== fingerprint;
    if (changed) await this.writeCatalog(service.id, report, now, em);
    if (health) await this.insertHealth(service.id, agent.id, health, now, em);

    if (changed) {
      await this.audit.record(
        ctx,
        {
          action: 'service.reported',
          targetType: 'CapsuleService',
          targetId: service.id,
          metadata: {
            code: service.code,
            created: !existing,
            configCount: report.configs.length,
            actionCount: report.actions.length,
          },
        },
        em,
      );
    }
    if (existing && existing.healthStatus !== healthStatus) {
      await this.auditHealthChange(ctx, service, existing.healthStatus, healthStatus, em);
    }
    return service;
  }

  /**
   * Health carried by a heartbeat: ignored unless the service belongs to the agent; written only
   * when it changed or the last write is older than a minute.
   */
  async heartbeatHealth(
    ctx: RequestContext,
    agent: AgentEntity,
    serviceId: string,
    input: HealthReportInput,
  ): Promise<void> {
    const service = await this.services.findById(serviceId);
    if (!service || service.agentId !== agent.id) return;
    const health = normalizeHealth(input);
    const status = input.status;
    const lastMs = service.lastHealthAt ? Date.parse(service.lastHealthAt) : 0;
    const same = service.healthStatus === status && service.healthMessage === health.message;
    if (same && ctx.now.getTime() - lastMs < HEALTH_REFRESH_MS) return;
    const patch: Partial<CapsuleServiceEntity> = {
      healthStatus: status,
      healthMessage: health.message,
      status: storedStatusFromHealth(status),
      lastHealthAt: ctx.nowIso,
      updatedAt: ctx.nowIso,
    };
    await this.tx.run(async (tx) => {
      await this.services.update(serviceId, patch, tx);
      await this.insertHealth(serviceId, agent.id, health, ctx.nowIso, tx);
      if (service.healthStatus !== status)
        await this.auditHealthChange(ctx, { ...service, ...patch }, service.healthStatus, status, tx);
    });
  }

  /** A code owned by a live agent cannot be taken; a REVOKED owner's code can (docs/agents.md, "Service reports"). */
  private async assertCanTakeOver(
    ctx: RequestContext,
    existing: CapsuleServiceEntity,
    agent: AgentEntity,
    em: Tx,
  ): Promise<void> {
    const owner = await this.agents.findById(existing.agentId, em);
    if (owner && owner.status !== 'REVOKED') {
      throw new DomainError(
        'CAPSULE_SERVICE_CODE_TAKEN',
        `Capsule Service code ${existing.code} belongs to another agent.`,
        { code: existing.code, serviceId: existing.id },
      );
    }
    await this.audit.record(
      ctx,
      {
        action: 'service.reassigned',
        targetType: 'CapsuleService',
        targetId: existing.id,
        metadata: {
          code: existing.code,
          fromAgentId: existing.agentId,
          toAgentId: agent.id,
          reason: 'previous_owner_revoked',
        },
      },
      em,
    );
  }

  private async writeCatalog(serviceId: string, report: NormalizedReport, now: string, em: Tx): Promise<void> {
    const [configs, actions] = await Promise.all([
      this.catalog.configs(serviceId, em),
      this.catalog.allActions(serviceId, em),
    ]);
    const configByKey = new Map(configs.map((c) => [c.configKey, c]));
    const reportedKeys = new Set<string>();
    const configRows: ConfigItemEntity[] = [];
    for (const c of report.configs) {
      if (reportedKeys.has(c.key)) continue;
      reportedKeys.add(c.key);
      const prev = configByKey.get(c.key);
      configRows.push({
        id: prev?.id ?? this.ids.next('cfg'),
        workspaceId: DEFAULT_WORKSPACE_ID,
        serviceId,
        configKey: c.key,
        label: c.label,
        type: c.type,
        source: c.source,
        editable: c.editable,
        sensitive: c.sensitive,
        valuePreview: c.valuePreview,
        defaultValue: c.defaultValue,
        secretRef: c.secretRef,
        description: c.description,
        metadataJson: '{}',
        createdAt: prev?.createdAt ?? now,
        updatedAt: now,
      });
    }
    await this.catalog.saveConfigs(configRows, em);
    // Configs are observed state: what is no longer reported no longer exists.
    await this.catalog.deleteConfigs(
      configs.filter((c) => !reportedKeys.has(c.configKey)).map((c) => c.id),
      em,
    );

    const actionByName = new Map(actions.map((a) => [a.name, a]));
    const reportedNames = new Set<string>();
    const actionRows: ActionDefinitionEntity[] = [];
    for (const a of report.actions) {
      if (reportedNames.has(a.name)) continue;
      reportedNames.add(a.name);
      const prev = actionByName.get(a.name);
      actionRows.push({
        id: prev?.id ?? this.ids.next('act'),
        workspaceId: DEFAULT_WORKSPACE_ID,
        serviceId,
        name: a.name,
        label: a.label,
        description: a.description,
        dangerLevel: a.dangerLevel,
        requiresConfirmation: a.requiresConfirmation,
        inputSchemaJson: JSON.stringify(a.inputSchema),
        resultSchemaJson: JSON.stringify(a.resultSchema),
        timeoutSeconds: a.timeoutSeconds,
        enabled: a.enabled,
        hasPrepare: a.hasPrepare,
        metadataJson: JSON.stringify(a.metadata),
        createdAt: prev?.createdAt ?? now,
        updatedAt: now,
        removedAt: null,
      });
    }
    // The report is the whole catalog: an action it no longer lists leaves the catalog. Its row is
    // only marked, so its commands keep their history and a later report restores the same id.
    for (const prev of actions) {
      if (!reportedNames.has(prev.name) && prev.removedAt === null)
        actionRows.push({ ...prev, removedAt: now, updatedAt: now });
    }
    await this.catalog.saveActions(actionRows, em);
  }

  /** History row or in-place refresh (HealthHistoryWriter keeps the timeline bounded). */
  private async insertHealth(
    serviceId: string,
    agentId: string,
    health: { status: HealthStatus; message: string | null; details: Record<string, unknown> },
    now: string,
    em: Tx,
  ): Promise<void> {
    await this.history.write(serviceId, agentId, health, now, em);
  }

  /** Audit in the caller's transaction; the `service.health.changed` event only once it commits. */
  private async auditHealthChange(
    ctx: RequestContext,
    service: CapsuleServiceEntity,
    from: string,
    to: string,
    em: Tx,
  ): Promise<void> {
    await this.audit.record(
      ctx,
      {
        action: 'service.health.changed',
        targetType: 'CapsuleService',
        targetId: service.id,
        metadata: { code: service.code, from, to },
      },
      em,
    );
    const event = {
      serviceId: service.id,
      serviceCode: service.code,
      agentId: service.agentId,
      from,
      to,
      message: service.healthMessage,
      occurredAt: ctx.nowIso,
      requestId: ctx.requestId,
    };
    this.tx.afterCommit(em, () => this.events.emit('service.health.changed', event));
  }
}
