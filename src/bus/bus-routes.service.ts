import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { CapsuleServicesService } from '../capsule-services/capsule-services.service';
import type { RequestContext } from '../common/context/request-context';
import { DomainError, notFound, validationFailed } from '../common/errors/domain-error';
import { IdGenerator } from '../common/ids/id-generator';
import { Page } from '../common/http/envelope';
import { pageRequest, pagination, type PaginationQueryDto } from '../common/http/pagination.dto';
import { redact } from '../common/redaction/redact';
import { TransactionRunner } from '../database/transaction-runner';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import type { BusRouteEntity } from './bus-route.entity';
import { BusRoutesRepository } from './bus-routes.repository';
import { toPublicBusRoute } from './bus.mapper';
import type { BusRouteDto } from './dto/bus-route.dto';
import { validateInputMapping } from './input-mapping';
import type { PublicBusRoute } from '../contracts';

/**
 * Route CRUD. Targets are checked when a route is written (the reference never did;
 * docs/capsule-bus.md, "Target checks"):
 * unknown service or action 404; disabled, confirmation-required or HIGH actions 422
 * BUS_ROUTE_TARGET_INVALID, because a route runs without a human to confirm.
 */
@Injectable()
export class BusRoutesService {
  constructor(
    private readonly routes: BusRoutesRepository,
    private readonly services: CapsuleServicesService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly ids: IdGenerator,
  ) {}

  async list(_ctx: RequestContext, query: PaginationQueryDto): Promise<Page<PublicBusRoute>> {
    const page = pageRequest(query);
    const [rows, total] = await this.routes.list(page.offset, page.pageSize);
    return new Page(rows.map(toPublicBusRoute), pagination(page, total));
  }

  async get(_ctx: RequestContext, routeId: string): Promise<PublicBusRoute> {
    return toPublicBusRoute(await this.load(routeId));
  }

  async create(ctx: RequestContext, dto: BusRouteDto): Promise<PublicBusRoute> {
    const mapping = this.checkedMapping(dto.inputMapping ?? {});
    await this.assertTarget(dto.target.serviceCode, dto.target.actionName);
    const row: BusRouteEntity = {
      id: this.ids.next('brt'),
      workspaceId: DEFAULT_WORKSPACE_ID,
      ...this.fields(dto),
      inputMappingJson: JSON.stringify(mapping),
      metadataJson: JSON.stringify(redact(dto.metadata ?? {})),
      createdByUserId: ctx.principal.kind === 'user' ? ctx.principal.id : null,
      createdAt: ctx.nowIso,
      updatedAt: ctx.nowIso,
    };
    await this.tx.run(async (em) => {
      await this.routes.insert(row, em);
      await this.audit.record(
        ctx,
        {
          action: 'bus.route.created',
          targetType: 'BusRoute',
          targetId: row.id,
          metadata: {
            name: row.name,
            eventType: row.eventType,
            sourceServiceCode: row.sourceServiceCode,
            targetServiceCode: row.targetServiceCode,
            actionName: row.actionName,
            status: row.status,
            mappedFields: Object.keys(mapping).length,
          },
        },
        em,
      );
    });
    return toPublicBusRoute(row);
  }

  /**
   * Full replacement as in the reference, except `inputMapping` and `metadata`: absent keeps the stored value
   * (the console's form does not edit them; `{}` clears). The target is re-checked whenever it
   * changes or the route stays able to fire, so a route to an action that became dangerous can
   * always still be switched to DISABLED.
   */
  async update(ctx: RequestContext, routeId: string, dto: BusRouteDto): Promise<PublicBusRoute> {
    const existing = await this.load(routeId);
    const mapping = dto.inputMapping === undefined ? null : this.checkedMapping(dto.inputMapping);
    const fields = this.fields(dto);
    const targetChanged =
      fields.targetServiceCode !== existing.targetServiceCode || fields.actionName !== existing.actionName;
    if (targetChanged || fields.status !== 'DISABLED')
      await this.assertTarget(fields.targetServiceCode, fields.actionName);
    const patch: Partial<BusRouteEntity> = {
      ...fields,
      ...(mapping === null ? {} : { inputMappingJson: JSON.stringify(mapping) }),
      ...(dto.metadata === undefined ? {} : { metadataJson: JSON.stringify(redact(dto.metadata)) }),
      updatedAt: ctx.nowIso,
    };
    const updated = await this.tx.run(async (em) => {
      await this.routes.update(routeId, patch, em);
      await this.audit.record(
        ctx,
        {
          action: 'bus.route.updated',
          targetType: 'BusRoute',
          targetId: routeId,
          metadata: {
            status: fields.status,
            previousStatus: existing.status,
            eventType: fields.eventType,
            targetServiceCode: fields.targetServiceCode,
            actionName: fields.actionName,
          },
        },
        em,
      );
      return this.routes.findById(routeId, em);
    });
    if (!updated) throw routeNotFound(routeId);
    return toPublicBusRoute(updated);
  }

  async remove(ctx: RequestContext, routeId: string): Promise<PublicBusRoute> {
    const existing = await this.load(routeId);
    const deleted = await this.tx.run(async (em) => {
      const affected = await this.routes.delete(routeId, em);
      if (affected === 0) return false;
      await this.audit.record(
        ctx,
        {
          action: 'bus.route.deleted',
          targetType: 'BusRoute',
          targetId: routeId,
          metadata: { name: existing.name, eventType: existing.eventType },
        },
        em,
      );
      return true;
    });
    if (!deleted) throw routeNotFound(routeId);
    return toPublicBusRoute(existing);
  }

  private async load(routeId: string): Promise<BusRouteEntity> {
    const row = await this.routes.findById(routeId);
    if (!row) throw routeNotFound(routeId);
    return row;
  }

  private fields(
    dto: BusRouteDto,
  ): Pick<
    BusRouteEntity,
    'name' | 'description' | 'status' | 'eventType' | 'sourceServiceCode' | 'targetServiceCode' | 'actionName'
  > {
    const description = dto.description?.trim();
    return {
      name: dto.name.trim(),
      description: description ? description : null,
      status: dto.status ?? 'DISABLED',
      eventType: dto.match.eventType.trim(),
      sourceServiceCode: dto.match.sourceServiceCode?.trim() || null,
      targetServiceCode: dto.target.serviceCode.trim(),
      actionName: dto.target.actionName.trim(),
    };
  }

  private checkedMapping(mapping: Record<string, unknown>): Record<string, unknown> {
    const issues = validateInputMapping(mapping);
    if (issues.length > 0) throw validationFailed(issues, 'Bus route validation failed.');
    return mapping;
  }

  private async assertTarget(serviceCode: string, actionName: string): Promise<void> {
    const service = await this.services.findByCode(serviceCode.trim());
    if (!service)
      throw notFound('CAPSULE_SERVICE_NOT_FOUND', 'Target Capsule Service not found.', {
        field: 'target.serviceCode',
        serviceCode,
      });
    const action = await this.services.findAction(service.id, actionName.trim());
    if (!action)
      throw notFound('ACTION_NOT_FOUND', 'Target action not found.', {
        field: 'target.actionName',
        serviceCode,
        actionName,
      });
    const reasons: string[] = [];
    if (!action.enabled) reasons.push('ACTION_DISABLED');
    if (action.requiresConfirmation) reasons.push('REQUIRES_CONFIRMATION');
    if (action.dangerLevel === 'HIGH') reasons.push('DANGER_LEVEL_HIGH');
    if (action.dangerLevel === 'CRITICAL') reasons.push('DANGER_LEVEL_CRITICAL');
    if (reasons.length > 0) {
      throw new DomainError(
        'BUS_ROUTE_TARGET_INVALID',
        'Routes cannot target disabled, confirmation-required or HIGH- or CRITICAL-danger actions: nobody is there to confirm them.',
        {
          serviceCode,
          actionName,
          dangerLevel: action.dangerLevel,
          requiresConfirmation: action.requiresConfirmation,
          enabled: action.enabled,
          reasons,
        },
      );
    }
  }
}

export function routeNotFound(routeId: string): DomainError {
  return notFound('BUS_ROUTE_NOT_FOUND', 'Bus route not found.', { routeId });
}
