import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { CapsuleServiceEntity } from '../capsule-services/capsule-service.entity';
import { CapsuleServicesService } from '../capsule-services/capsule-services.service';
import { assertAgentCanHandleAction, needsConfirmation } from '../commands/action-gating';
import { validateAgainstSchema } from '../commands/action-schema-validator';
import { CommandCreationService } from '../commands/command-creation.service';
import { RequestContext } from '../common/context/request-context';
import { DomainError, validationFailed } from '../common/errors/domain-error';
import { redact } from '../common/redaction/redact';
import { TransactionRunner } from '../database/transaction-runner';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import type { BusEventEntity } from './bus-event.entity';
import type { BusRouteEntity } from './bus-route.entity';
import { BusEventsRepository } from './bus-events.repository';
import { BusRoutesRepository } from './bus-routes.repository';
import { BUS_EXPERIMENTAL, parseJsonObject } from './bus.mapper';
import { applyInputMapping, referencePayload, type EventView } from './input-mapping';

const TARGET_MISSING = new Set([
  'CAPSULE_SERVICE_NOT_FOUND',
  'ACTION_NOT_FOUND',
  'ACTION_DISABLED',
  'BUS_TARGET_NOT_FOUND',
]);

/** Fixed as in the reference (docs/capsule-bus.md, "Routing rules"): routes evaluated per event, oldest first. */
export const MAX_ROUTES_PER_EVENT = 10;

/** One entry of the publish response's `routedCommands` (sdk/src/protocol.ts BusRoutedCommand). */
export interface RoutedCommand {
  routeId: string;
  commandId?: string;
  dryRun: boolean;
  targetServiceCode: string;
  actionName: string;
  status: 'CREATED' | 'DRY_RUN' | 'FAILED';
  errorCode?: string;
  errorMessage?: string;
  /** DRY_RUN only: the (redacted) payload the command would have carried. */
  payloadPreview?: Record<string, unknown>;
}

interface Outcome {
  entry: RoutedCommand;
  route: BusRouteEntity;
  serviceId?: string;
  details?: Record<string, unknown>;
}

/**
 * Turns an accepted event into commands. Each matching route goes through
 * CommandCreationService.enqueue, the operator's execute path (schema, confirmation, gating, TTL,
 * sealed secrets, long-poll wake-up), with `createdBy` = the route. Dry runs run the same
 * checks without creating anything. Every outcome is audited as SYSTEM.
 */
@Injectable()
export class BusRouterService {
  private readonly logger = new Logger('BusRouter');

  constructor(
    private readonly routes: BusRoutesRepository,
    private readonly events: BusEventsRepository,
    private readonly services: CapsuleServicesService,
    private readonly commands: CommandCreationService,
    private readonly settings: RuntimeSettingsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async route(
    ctx: RequestContext,
    event: BusEventEntity,
    view: EventView,
    forceDryRun: boolean,
  ): Promise<RoutedCommand[]> {
    // Routed work is done by the system on the agent's behalf (the reference audits it as SYSTEM).
    const system = new RequestContext(ctx.requestId, { kind: 'system', id: null }, null, null, ctx.now);
    const matched = await this.routes.matching(event.eventType, event.serviceCode, MAX_ROUTES_PER_EVENT);
    const outcomes: Outcome[] = [];
    for (const route of matched) outcomes.push(await this.dispatch(system, route, view, forceDryRun));

    await this.tx.run(async (em) => {
      await this.events.setRouteCount(event.id, outcomes.length, em);
      if (outcomes.length === 0) {
        await this.audit.record(
          system,
          {
            action: 'bus.route.unmatched',
            targetType: 'BusEvent',
            targetId: event.id,
            metadata: { eventType: event.eventType, sourceServiceCode: event.serviceCode },
          },
          em,
        );
      }
      for (const o of outcomes) {
        const { entry } = o;
        await this.audit.record(
          system,
          {
            action: 'bus.route.matched',
            targetType: 'BusRoute',
            targetId: entry.routeId,
            metadata: {
              eventId: event.id,
              eventType: event.eventType,
              dryRun: entry.dryRun,
              outcome: entry.status,
              targetServiceCode: entry.targetServiceCode,
              actionName: entry.actionName,
              ...(entry.status === 'DRY_RUN'
                ? {
                    wouldCreate: {
                      serviceId: o.serviceId,
                      actionName: entry.actionName,
                      payload: entry.payloadPreview,
                    },
                  }
                : {}),
            },
          },
          em,
        );
        if (entry.status === 'FAILED') {
          await this.audit.record(
            system,
            {
              action: 'bus.route.failed',
              targetType: 'BusRoute',
              targetId: entry.routeId,
              result: 'FAILURE',
              message: entry.errorMessage ?? null,
              metadata: {
                eventId: event.id,
                reason: entry.errorCode,
                targetServiceCode: entry.targetServiceCode,
                actionName: entry.actionName,
                ...(o.details ? { details: o.details } : {}),
              },
            },
            em,
          );
        }
        if (entry.status === 'CREATED' && entry.commandId) {
          await this.audit.record(
            system,
            {
              action: 'bus.command.created',
              targetType: 'Command',
              targetId: entry.commandId,
              metadata: {
                eventId: event.id,
                routeId: entry.routeId,
                targetServiceCode: entry.targetServiceCode,
                actionName: entry.actionName,
              },
            },
            em,
          );
        }
      }
    });
    return outcomes.map((o) => o.entry);
  }

  private async dispatch(
    system: RequestContext,
    route: BusRouteEntity,
    view: EventView,
    forceDryRun: boolean,
  ): Promise<Outcome> {
    const dryRun = route.status === 'DRY_RUN' || forceDryRun;
    const base = {
      routeId: route.id,
      dryRun,
      targetServiceCode: route.targetServiceCode,
      actionName: route.actionName,
    };
    const mapping = parseJsonObject(route.inputMappingJson);
    const payload =
      Object.keys(mapping).length === 0 ? referencePayload(view, BUS_EXPERIMENTAL) : applyInputMapping(mapping, view);
    let serviceId: string | undefined;
    try {
      const service = await this.services.findByCode(route.targetServiceCode);
      if (!service) throw targetNotFound();
      serviceId = service.id;
      if (dryRun) {
        await this.preflight(system, service, route.actionName, payload);
        return { route, serviceId, entry: { ...base, status: 'DRY_RUN', payloadPreview: redact(payload) } };
      }
      const command = await this.commands.enqueue(system, {
        serviceId: service.id,
        actionName: route.actionName,
        payload,
        createdBy: { type: 'BUS_ROUTE', id: route.id },
      });
      return { route, serviceId, entry: { ...base, status: 'CREATED', commandId: command.id } };
    } catch (error) {
      if (!(error instanceof DomainError)) {
        // The event is already stored; one broken route must not fail the publish (the agent would re-send it).
        this.logger.error(
          `route ${route.id} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        return {
          route,
          serviceId,
          entry: {
            ...base,
            status: 'FAILED',
            errorCode: 'INTERNAL_ERROR',
            errorMessage: 'Routing failed unexpectedly.',
          },
        };
      }
      // The reference reports a missing service or enabled action as BUS_TARGET_NOT_FOUND; vanished actions are disabled here.
      if (TARGET_MISSING.has(error.code)) {
        return {
          route,
          serviceId,
          entry: {
            ...base,
            status: 'FAILED',
            errorCode: 'BUS_TARGET_NOT_FOUND',
            errorMessage: 'Target service/action was not found.',
          },
          details: { cause: error.code },
        };
      }
      return {
        route,
        serviceId,
        entry: { ...base, status: 'FAILED', errorCode: error.code, errorMessage: error.message },
        details: error.details,
      };
    }
  }

  /** The checks `enqueue` makes, in the same order, without writing anything. */
  private async preflight(
    system: RequestContext,
    service: CapsuleServiceEntity,
    actionName: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    const { action, agentId, raw } = await this.commands.loadAction(service.id, actionName);
    if (action.enabled === false)
      throw new DomainError('ACTION_DISABLED', 'Action is disabled.', { serviceId: service.id, actionName });
    const issues = validateAgainstSchema(action.inputSchema, payload);
    if (issues.length > 0) throw validationFailed(issues, 'Action payload validation failed.');
    if (needsConfirmation(raw)) {
      throw new DomainError(
        'ACTION_REQUIRES_CONFIRMATION',
        'This action requires confirmation: send "confirmation": true.',
        { actionName },
      );
    }
    const agent = await this.commands.findAgentAsHeardFrom(agentId);
    assertAgentCanHandleAction(agent, system.now.getTime(), this.settings.get().agentOfflineThresholdSeconds);
  }
}

function targetNotFound(): DomainError {
  return new DomainError('BUS_TARGET_NOT_FOUND', 'Target service/action was not found.', undefined, 404);
}
