import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/context/request-context';
import { notFound, validationFailed } from '../common/errors/domain-error';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination, type PaginationQueryDto } from '../common/http/pagination.dto';
import { IdGenerator } from '../common/ids/id-generator';
import { TransactionRunner } from '../database/transaction-runner';
import type { CreateNotificationRuleDto, UpdateNotificationRuleDto } from './dto/notification.dto';
import type { NotificationRuleEntity } from './notification-rule.entity';
import { toRuleResponse } from './notifications.mapper';
import { NotificationsRepository } from './notifications.repository';
import type { NotificationRuleResponse } from '../contracts';

/** Rule management (docs/notifications.md, "Rules"); every change audited. */
@Injectable()
export class NotificationRulesService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly audit: AuditService,
    private readonly ids: IdGenerator,
    private readonly tx: TransactionRunner,
  ) {}

  async list(_ctx: RequestContext, query: PaginationQueryDto): Promise<Page<NotificationRuleResponse>> {
    const req = pageRequest(query);
    const { rows, total } = await this.repo.listRules(req.offset, req.pageSize);
    return new Page(rows.map(toRuleResponse), pagination(req, total));
  }

  async create(ctx: RequestContext, dto: CreateNotificationRuleDto): Promise<NotificationRuleResponse> {
    const row: NotificationRuleEntity = {
      id: this.ids.next('nrl'),
      name: dto.name,
      enabled: dto.enabled ?? true,
      eventsJson: JSON.stringify(unique(dto.events)),
      channelIdsJson: JSON.stringify(unique(dto.channelIds)),
      labelsJson: JSON.stringify((dto.labels ?? []).map((l) => ({ key: l.key, value: l.value }))),
      minSeverity: dto.minSeverity ?? 'info',
      delaySeconds: dto.delaySeconds ?? 0,
      reminderMinutes: dto.reminderMinutes ?? 0,
      notifyRecovery: dto.notifyRecovery ?? true,
      createdAt: ctx.nowIso,
      updatedAt: ctx.nowIso,
    };
    await this.tx.run(async (em) => {
      await this.assertChannelsExist(dto.channelIds, em);
      await this.repo.insertRule(row, em);
      await this.audit.record(
        ctx,
        {
          action: 'notification.rule.created',
          targetType: 'NotificationRule',
          targetId: row.id,
          metadata: summary(row),
        },
        em,
      );
    });
    return toRuleResponse(row);
  }

  async update(ctx: RequestContext, id: string, dto: UpdateNotificationRuleDto): Promise<NotificationRuleResponse> {
    return this.tx.run(async (em) => {
      const current = await this.repo.findRule(id, em);
      if (!current) throw notFound('NOTIFICATION_RULE_NOT_FOUND', 'Notification rule not found.', { ruleId: id });
      const patch: Partial<NotificationRuleEntity> = { updatedAt: ctx.nowIso };
      if (dto.name !== undefined) patch.name = dto.name;
      if (dto.enabled !== undefined) patch.enabled = dto.enabled;
      if (dto.events !== undefined) patch.eventsJson = JSON.stringify(unique(dto.events));
      if (dto.channelIds !== undefined) {
        await this.assertChannelsExist(dto.channelIds, em);
        patch.channelIdsJson = JSON.stringify(unique(dto.channelIds));
      }
      if (dto.labels !== undefined)
        patch.labelsJson = JSON.stringify(dto.labels.map((l) => ({ key: l.key, value: l.value })));
      if (dto.minSeverity !== undefined) patch.minSeverity = dto.minSeverity;
      if (dto.delaySeconds !== undefined) patch.delaySeconds = dto.delaySeconds;
      if (dto.reminderMinutes !== undefined) patch.reminderMinutes = dto.reminderMinutes;
      if (dto.notifyRecovery !== undefined) patch.notifyRecovery = dto.notifyRecovery;
      await this.repo.updateRule(id, patch, em);
      const next = { ...current, ...patch };
      await this.audit.record(
        ctx,
        {
          action: 'notification.rule.updated',
          targetType: 'NotificationRule',
          targetId: id,
          metadata: { ...summary(next), changed: Object.keys(dto) },
        },
        em,
      );
      return toRuleResponse(next);
    });
  }

  /** Its open alerts end without a message at the next evaluation (their rule is gone). */
  async delete(ctx: RequestContext, id: string): Promise<{ deleted: true }> {
    await this.tx.run(async (em) => {
      const current = await this.repo.findRule(id, em);
      if (!current) throw notFound('NOTIFICATION_RULE_NOT_FOUND', 'Notification rule not found.', { ruleId: id });
      await this.repo.deleteRule(id, em);
      await this.audit.record(
        ctx,
        {
          action: 'notification.rule.deleted',
          targetType: 'NotificationRule',
          targetId: id,
          metadata: { name: current.name },
        },
        em,
      );
    });
    return { deleted: true };
  }

  /** A rule naming a channel that does not exist is 422 with the path of that entry (`channelIds.N`). */
  private async assertChannelsExist(
    ids: readonly string[],
    em: Parameters<NotificationsRepository['channelsByIds']>[1],
  ) {
    const found = new Set((await this.repo.channelsByIds(ids, em)).map((c) => c.id));
    const issues = ids
      .map((cid, i) => ({ cid, i }))
      .filter(({ cid }) => !found.has(cid))
      .map(({ i }) => ({ path: `channelIds.${i}`, message: 'no notification channel with this id' }));
    if (issues.length > 0) throw validationFailed(issues, 'Notification rule validation failed.');
  }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function summary(row: NotificationRuleEntity): Record<string, unknown> {
  const r = toRuleResponse(row);
  return {
    name: r.name,
    enabled: r.enabled,
    events: r.events,
    channelIds: r.channelIds,
    labels: r.labels,
    minSeverity: r.minSeverity,
    delaySeconds: r.delaySeconds,
    reminderMinutes: r.reminderMinutes,
    notifyRecovery: r.notifyRecovery,
  };
}
