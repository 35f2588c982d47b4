import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { CapsuleServicesService } from '../capsule-services/capsule-services.service';
import { needsConfirmation } from '../commands/action-gating';
import { validateAgainstSchema } from '../commands/action-schema-validator';
import { CommandRepository } from '../commands/command.repository';
import { effectiveCommandStatus } from '../commands/command-state';
import { CommandCreationService } from '../commands/command-creation.service';
import { creatorOf } from '../commands/http-helpers';
import { parseObject, splitPayload } from '../commands/sealed-values';
import type { RequestContext } from '../common/context/request-context';
import { SecretSealer } from '../common/crypto/secret-sealer';
import { DomainError, notFound, validationFailed, type ErrorIssue } from '../common/errors/domain-error';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination, type PaginationQueryDto } from '../common/http/pagination.dto';
import { IdGenerator } from '../common/ids/id-generator';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { nextAfter, type Timing } from './cron-plan';
import type { CreateScheduleDto, ListSchedulesQueryDto, UpdateScheduleDto } from './dto/schedule.dto';
import { checkTiming, unmaskPayload } from './schedule-rules';
import type { ScheduleEntity } from './schedule.entity';
import { timingOf, toScheduleResponse, toScheduleRunResponse } from './schedule.mapper';
import { SchedulesRepository } from './schedules.repository';
import type { CommandStatus, ScheduleResponse, ScheduleRunResponse } from '../contracts';

/** Creating, reading, editing and deleting schedules, every change audited (docs/schedules.md). Runs: ScheduleRunner. */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly schedules: SchedulesRepository,
    private readonly creation: CommandCreationService,
    private readonly commands: CommandRepository,
    private readonly services: CapsuleServicesService,
    private readonly sealer: SecretSealer,
    private readonly ids: IdGenerator,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async create(ctx: RequestContext, dto: CreateScheduleDto): Promise<ScheduleResponse> {
    const creator = creatorOf(ctx);
    await this.assertInScope(ctx, dto.serviceId);
    const { action, raw } = await this.creation.loadAction(dto.serviceId, dto.actionName);
    if (action.enabled === false)
      throw new DomainError('ACTION_DISABLED', 'Action is disabled.', {
        serviceId: dto.serviceId,
        actionName: dto.actionName,
      });
    const payload = dto.payload ?? {};
    const checked = checkTiming(
      { kind: dto.kind, cron: dto.cron, runAt: dto.runAt, timeZone: dto.timeZone ?? 'UTC' },
      ctx.now.getTime(),
    );
    const issues = [...checked.issues, ...validateAgainstSchema(action.inputSchema, payload)];
    if (issues.length > 0 || checked.timing === null) throw validationFailed(issues, 'Schedule validation failed.');
    assertConfirmed(raw, dto.confirm, dto.actionName);
    const timing = checked.timing;
    const enabled = dto.enabled ?? true;
    const { readable, secret } = splitPayload(payload);
    const row: ScheduleEntity = {
      id: this.ids.next('sch'),
      workspaceId: DEFAULT_WORKSPACE_ID,
      name: dto.name,
      serviceId: dto.serviceId,
      actionName: dto.actionName,
      ...timing,
      payloadJson: JSON.stringify(readable),
      sealedPayload: secret ? this.sealer.seal(secret) : null,
      enabled,
      skipIfRunning: dto.skipIfRunning ?? false,
      nextRunAt: enabled ? isoOrNull(nextAfter(timing, ctx.now.getTime())) : null,
      lastRunAt: null,
      lastCommandId: null,
      createdByUserId: personOf(ctx),
      createdByType: creator.type,
      createdById: creator.id,
      createdAt: ctx.nowIso,
      updatedAt: ctx.nowIso,
    };
    await this.tx.run(async (em) => {
      await this.schedules.insert(row, em);
      await this.audit.record(
        ctx,
        {
          action: 'schedule.created',
          targetType: 'Schedule',
          targetId: row.id,
          metadata: { ...describe(row), payload: readable },
        },
        em,
      );
    });
    return this.respond(row);
  }

  async list(ctx: RequestContext, query: ListSchedulesQueryDto): Promise<Page<ScheduleResponse>> {
    const req = pageRequest(query);
    const { rows, total } = await this.schedules.list({
      serviceId: query.serviceId,
      serviceIds: await this.scopeServiceIds(ctx),
      offset: req.offset,
      limit: req.pageSize,
    });
    const names = await this.services.identities(rows.map((r) => r.serviceId));
    return new Page(
      rows.map((r) => toScheduleResponse(r, names.get(r.serviceId)?.name ?? null)),
      pagination(req, total),
    );
  }

  async get(ctx: RequestContext, id: string): Promise<ScheduleResponse> {
    return this.respond(await this.load(ctx, id));
  }

  async update(ctx: RequestContext, id: string, dto: UpdateScheduleDto): Promise<ScheduleResponse> {
    const row = await this.load(ctx, id);
    const kind = dto.kind ?? row.kind;
    const timingChanged =
      dto.kind !== undefined || dto.cron !== undefined || dto.runAt !== undefined || dto.timeZone !== undefined;
    const enabled = dto.enabled ?? row.enabled;
    const enabling = enabled && !row.enabled;
    const issues: ErrorIssue[] = [];
    let timing: Timing = timingOf(row);
    if (timingChanged) {
      const checked = checkTiming(
        {
          kind,
          cron: dto.cron ?? (kind === 'cron' && dto.runAt === undefined ? (row.cron ?? undefined) : undefined),
          runAt: dto.runAt ?? (kind === 'once' && dto.cron === undefined ? (row.runAt ?? undefined) : undefined),
          timeZone: dto.timeZone ?? row.timeZone,
        },
        ctx.now.getTime(),
      );
      issues.push(...checked.issues);
      if (checked.timing) timing = checked.timing;
    }
    const changes: Partial<ScheduleEntity> = {};
    if (dto.payload !== undefined || timingChanged || enabling) {
      const { action, raw } = await this.creation.loadAction(row.serviceId, row.actionName);
      if (dto.payload !== undefined) {
        const payload = unmaskPayload(dto.payload, this.storedPayload(row));
        issues.push(...validateAgainstSchema(action.inputSchema, payload));
        const { readable, secret } = splitPayload(payload);
        changes.payloadJson = JSON.stringify(readable);
        changes.sealedPayload = secret ? this.sealer.seal(secret) : null;
      }
      if (issues.length > 0) throw validationFailed(issues, 'Schedule validation failed.');
      assertConfirmed(raw, dto.confirm, row.actionName);
    }
    if (issues.length > 0) throw validationFailed(issues, 'Schedule validation failed.');
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.skipIfRunning !== undefined) changes.skipIfRunning = dto.skipIfRunning;
    if (timingChanged) Object.assign(changes, timing);
    changes.enabled = enabled;
    // A new timing or a re-enable plans from now: times that passed while it was off are not missed runs.
    if (!enabled) changes.nextRunAt = null;
    else if (timingChanged || enabling) changes.nextRunAt = isoOrNull(nextAfter(timing, ctx.now.getTime()));
    changes.updatedAt = ctx.nowIso;
    const updated: ScheduleEntity = { ...row, ...changes };
    await this.tx.run(async (em) => {
      await this.schedules.update(id, changes, em);
      await this.audit.record(
        ctx,
        {
          action: 'schedule.updated',
          targetType: 'Schedule',
          targetId: id,
          metadata: { ...describe(updated), changed: Object.keys(dto).filter((k) => k !== 'confirm') },
        },
        em,
      );
    });
    return this.respond(updated);
  }

  async remove(ctx: RequestContext, id: string): Promise<{ deleted: true }> {
    const row = await this.load(ctx, id);
    await this.tx.run(async (em) => {
      if (!(await this.schedules.delete(id, em))) throw scheduleNotFound(id);
      await this.audit.record(
        ctx,
        { action: 'schedule.deleted', targetType: 'Schedule', targetId: id, metadata: describe(row) },
        em,
      );
    });
    return { deleted: true };
  }

  /** Newest planned time first, each with its command's current status. */
  async runs(ctx: RequestContext, id: string, query: PaginationQueryDto): Promise<Page<ScheduleRunResponse>> {
    await this.load(ctx, id);
    const req = pageRequest(query);
    const { rows, total } = await this.schedules.runs(id, req.offset, req.pageSize);
    const statuses = new Map<string, CommandStatus>();
    for (const commandId of new Set(rows.map((r) => r.commandId).filter((c): c is string => c !== null))) {
      const command = await this.commands.findById(commandId);
      if (command) statuses.set(commandId, effectiveCommandStatus(command, ctx.nowIso));
    }
    return new Page(
      rows.map((r) => toScheduleRunResponse(r, r.commandId === null ? null : (statuses.get(r.commandId) ?? null))),
      pagination(req, total),
    );
  }

  private async load(ctx: RequestContext, id: string): Promise<ScheduleEntity> {
    const row = await this.schedules.findById(id);
    if (!row) throw scheduleNotFound(id);
    await this.assertInScope(ctx, row.serviceId);
    return row;
  }

  private async respond(row: ScheduleEntity): Promise<ScheduleResponse> {
    const service = await this.services.findById(row.serviceId);
    return toScheduleResponse(row, service?.name ?? null);
  }

  private storedPayload(row: ScheduleEntity): Record<string, unknown> {
    const opened = row.sealedPayload === null ? undefined : this.sealer.open(row.sealedPayload);
    return opened !== null && typeof opened === 'object' && !Array.isArray(opened)
      ? (opened as Record<string, unknown>)
      : parseObject(row.payloadJson);
  }

  /** A token limited to labelled services reaches only their schedules (docs/api-tokens-and-cli.md, "Scope"). */
  private async assertInScope(ctx: RequestContext, serviceId: string): Promise<void> {
    if (ctx.principal.kind !== 'api-token' || ctx.principal.scope === null) return;
    if ((await this.services.labelsMatch(serviceId, ctx.principal.scope)) !== true)
      throw new DomainError(
        'API_TOKEN_OUT_OF_SCOPE',
        'This token is limited to some services and cannot reach this one.',
        {
          serviceId,
        },
      );
  }

  private async scopeServiceIds(ctx: RequestContext): Promise<string[] | undefined> {
    if (ctx.principal.kind !== 'api-token' || ctx.principal.scope === null) return undefined;
    return this.services.idsWithLabels(ctx.principal.scope);
  }
}

/** The execute rule (docs/actions-and-commands.md, "Approval"), given once for every run the schedule will make. */
function assertConfirmed(
  raw: { requiresConfirmation: boolean; dangerLevel: string },
  confirm: boolean | undefined,
  actionName: string,
): void {
  if (needsConfirmation(raw) && confirm !== true)
    throw new DomainError(
      'ACTION_REQUIRES_CONFIRMATION',
      'This action requires confirmation: send "confirm": true to schedule it.',
      { actionName },
    );
}

/** The person a schedule's runs belong to: the user, or the user an API token acts for. */
function personOf(ctx: RequestContext): string | null {
  if (ctx.principal.kind === 'user') return ctx.principal.id;
  if (ctx.principal.kind === 'api-token') return ctx.principal.userId;
  return null;
}

function describe(row: ScheduleEntity): Record<string, unknown> {
  return {
    name: row.name,
    serviceId: row.serviceId,
    actionName: row.actionName,
    kind: row.kind,
    cron: row.cron,
    runAt: row.runAt,
    timeZone: row.timeZone,
    enabled: row.enabled,
    skipIfRunning: row.skipIfRunning,
  };
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function scheduleNotFound(scheduleId: string): DomainError {
  return notFound('SCHEDULE_NOT_FOUND', 'Schedule not found.', { scheduleId });
}
