import { Injectable, Logger } from '@nestjs/common';
import { CapsuleServicesService } from '../capsule-services/capsule-services.service';
import { RequestContext } from '../common/context/request-context';
import type { CommandCreatedEvent, CommandFailedEvent } from '../common/events/opstage-events';
import { OnOpstageEvent } from '../common/events/on-opstage-event';
import { Clock } from '../common/time/clock';
import { displayLabels, EVENT_SEVERITY, labelsMatch, severityAtLeast } from './alert-rules';
import { AlertTransitionsService, type AlertSubject } from './alert-transitions.service';
import type { NotificationChannelEntity } from './notification-channel.entity';
import { jsonObject, ruleChannelIds, ruleEvents, ruleLabels } from './notifications.mapper';
import { NotificationsRepository } from './notifications.repository';
import type { NotificationEventType } from '../contracts';

/**
 * One-shot events (docs/notifications.md, "Rules"): a failed command and a command waiting for a
 * second person's approval go out at once (delivery kind `event`) to the channels of every matching
 * rule, each channel once. Runs after the change committed, on the replica that made it, so each
 * event is queued once across replicas.
 */
@Injectable()
export class NotificationEventsListener {
  private readonly logger = new Logger('notifications');

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly services: CapsuleServicesService,
    private readonly transitions: AlertTransitionsService,
    private readonly clock: Clock,
  ) {}

  @OnOpstageEvent('command.failed')
  async onCommandFailed(e: CommandFailedEvent): Promise<void> {
    const error = e.errorMessage ? `${e.errorCode}: ${e.errorMessage}` : e.errorCode;
    await this.queue(
      'command.failed',
      e.commandId,
      e.serviceId,
      e.actionName,
      (service) => `Action ${e.actionName} on ${service} failed (${error.slice(0, 300)}).`,
    );
  }

  @OnOpstageEvent('command.created')
  async onCommandCreated(e: CommandCreatedEvent): Promise<void> {
    if (e.status !== 'AWAITING_APPROVAL') return;
    await this.queue(
      'approval.requested',
      e.commandId,
      e.serviceId,
      e.actionName,
      (service) => `Action ${e.actionName} on ${service} waits for a second person's approval.`,
    );
  }

  private async queue(
    event: NotificationEventType,
    commandId: string,
    serviceId: string,
    actionName: string,
    text: (service: string) => string,
  ): Promise<void> {
    try {
      const rules = (await this.repo.allRules()).filter(
        (r) => r.enabled && ruleEvents(r).includes(event) && severityAtLeast(EVENT_SEVERITY[event], r.minSeverity),
      );
      if (rules.length === 0) return;
      const service = await this.services.findById(serviceId);
      const labels = service ? jsonObject(service.manifestJson).labels : undefined;
      const set =
        typeof labels === 'object' && labels !== null && !Array.isArray(labels)
          ? (labels as Record<string, unknown>)
          : {};
      const matching = rules.filter((r) => labelsMatch(ruleLabels(r), [set]));
      const ids = [...new Set(matching.flatMap(ruleChannelIds))];
      const channels: NotificationChannelEntity[] = (await this.repo.channelsByIds(ids)).filter((c) => c.enabled);
      const serviceName = service ? service.name || service.code : serviceId;
      const subject: AlertSubject = {
        type: 'command',
        id: commandId,
        name: `${actionName} on ${serviceName}`,
        labels: displayLabels([set]),
      };
      const ruleId = matching.length === 1 ? (matching[0]?.id ?? null) : null;
      await this.transitions.event(
        RequestContext.system(this.clock),
        event,
        subject,
        text(serviceName),
        ruleId,
        channels,
      );
    } catch (error) {
      this.logger.error({
        msg: 'could not queue a notification',
        event,
        commandId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
