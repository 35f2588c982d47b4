import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CapsuleServicesService } from '../capsule-services/capsule-services.service';
import { RequestContext } from '../common/context/request-context';
import { Clock } from '../common/time/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ScheduledJobs } from '../maintenance/scheduled-jobs';
import { CONDITION_EVENTS, displayLabels, EVENT_SEVERITY, labelsMatch, nextStep, severityAtLeast } from './alert-rules';
import { AlertTransitionsService, type AlertSubject } from './alert-transitions.service';
import type { NotificationAlertEntity } from './notification-alert.entity';
import { NotificationActivityService } from './notification-activity.service';
import { NotificationAlertsRepository } from './notification-alerts.repository';
import type { NotificationChannelEntity } from './notification-channel.entity';
import type { NotificationRuleEntity } from './notification-rule.entity';
import { ruleChannelIds, ruleEvents, ruleLabels } from './notifications.mapper';
import { NotificationsRepository } from './notifications.repository';
import type { NotificationEventType } from '../contracts';

export const EVALUATE_JOB = 'notifications.evaluate';
/** Retention runs with the evaluation at most this often. */
const PRUNE_EVERY_MS = 3_600_000;

/** A subject as one evaluation sees it. `holds` null: cannot be judged now (kept as it is). */
interface Judged {
  subject: AlertSubject;
  labelSets: Record<string, unknown>[];
  holds: boolean | null;
}

/** What one evaluation did, for logs and tests. */
export interface EvaluationResult {
  opened: number;
  fired: number;
  reminded: number;
  resolved: number;
  cancelled: number;
}

/**
 * The periodic evaluator of lasting conditions (docs/notifications.md, "Delay, reminders and recovery").
 * Every `OPSTAGE_NOTIFICATIONS_EVALUATE_INTERVAL_SECONDS`, on one replica per interval (ScheduledJobs),
 * it judges every agent (offline?) and service (unhealthy?) against the enabled rules and moves each
 * alert one step of the state machine in `alert-rules.ts`. It only writes rows; the dispatcher sends.
 */
@Injectable()
export class AlertEvaluator implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('notifications');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastPruneMs = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: NotificationsRepository,
    private readonly alerts: NotificationAlertsRepository,
    private readonly transitions: AlertTransitionsService,
    private readonly activity: NotificationActivityService,
    private readonly services: CapsuleServicesService,
    private readonly jobs: ScheduledJobs,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.arm();
  }

  /** Stops the timer and lets an evaluation in progress finish before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One scheduled tick; a tick that finds the previous one still running is skipped. */
  tick(): Promise<void> {
    if (this.running || this.stopped) return this.running ?? Promise.resolve();
    this.running = this.runTick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Claims this interval's slot and, if won, evaluates (and now and then prunes). */
  private async runTick(): Promise<void> {
    const intervalMs = this.config.notifications.evaluateIntervalSeconds * 1000;
    try {
      await this.jobs.runOnce(
        EVALUATE_JOB,
        ScheduledJobs.slotOf(this.clock.nowMs(), intervalMs),
        intervalMs,
        async () => {
          await this.evaluate();
          if (this.clock.nowMs() - this.lastPruneMs >= PRUNE_EVERY_MS) {
            this.lastPruneMs = this.clock.nowMs();
            await this.activity.prune();
          }
        },
      );
    } catch (error) {
      this.logger.error({
        msg: 'notification evaluation failed; the next tick tries again',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Judges every subject against every enabled condition rule and moves each alert one step. */
  async evaluate(): Promise<EvaluationResult> {
    const ctx = RequestContext.system(this.clock);
    const nowMs = ctx.now.getTime();
    const result: EvaluationResult = { opened: 0, fired: 0, reminded: 0, resolved: 0, cancelled: 0 };
    const rules = (await this.repo.allRules()).filter(
      (r) => r.enabled && ruleEvents(r).some((e) => CONDITION_EVENTS.includes(e)),
    );
    const open = await this.alerts.open();
    if (rules.length === 0 && open.length === 0) return result;
    const channels = await this.channelsOf(rules);
    const subjects = await this.judge(nowMs);
    const openByKey = new Map(open.map((a) => [a.openKey ?? '', a]));
    const touched = new Set<string>();

    for (const rule of rules) {
      const labels = ruleLabels(rule);
      for (const event of ruleEvents(rule)) {
        if (!CONDITION_EVENTS.includes(event) || !severityAtLeast(EVENT_SEVERITY[event], rule.minSeverity)) continue;
        for (const judged of subjects.get(event) ?? []) {
          if (!labelsMatch(labels, judged.labelSets)) continue;
          const key = `${rule.id}/${judged.subject.type}/${judged.subject.id}`;
          let alert = openByKey.get(key);
          if (judged.holds === null || (judged.holds === false && !alert)) {
            if (alert) touched.add(key);
            continue;
          }
          touched.add(key);
          if (!alert && judged.holds) {
            alert =
              (await this.transitions.open(ctx, { ruleId: rule.id, event, subject: judged.subject, openKey: key })) ??
              undefined;
            if (!alert) continue;
            result.opened += 1;
          }
          if (alert) await this.advance(ctx, alert, judged, rule, channels, nowMs, result);
        }
      }
    }
    // Open alerts no rule reached this time: their rule was deleted, disabled or changed, or the subject is gone.
    for (const alert of open) {
      if (touched.has(alert.openKey ?? '')) continue;
      const subject: AlertSubject = {
        type: alert.subjectType,
        id: alert.subjectId,
        name: alert.subjectName,
        labels: [],
      };
      if (alert.state === 'pending') {
        if (await this.transitions.cancel(ctx, alert)) result.cancelled += 1;
      } else if (await this.transitions.resolve(ctx, alert, subject, [])) result.resolved += 1;
    }
    return result;
  }

  private async advance(
    ctx: RequestContext,
    alert: NotificationAlertEntity,
    judged: Judged,
    rule: NotificationRuleEntity,
    channels: Map<string, NotificationChannelEntity>,
    nowMs: number,
    result: EvaluationResult,
  ): Promise<void> {
    const targets = ruleChannelIds(rule)
      .map((id) => channels.get(id))
      .filter((c): c is NotificationChannelEntity => c !== undefined);
    const step = nextStep(
      {
        state: alert.state === 'firing' ? 'firing' : 'pending',
        openedAt: alert.openedAt,
        lastNotifiedAt: alert.lastNotifiedAt,
      },
      judged.holds === true,
      rule,
      nowMs,
    );
    switch (step) {
      case 'wait':
        return;
      case 'fire':
        if (await this.transitions.fire(ctx, alert, judged.subject, targets)) result.fired += 1;
        return;
      case 'remind':
        if (await this.transitions.remind(ctx, alert, judged.subject, targets)) result.reminded += 1;
        return;
      case 'cancel':
        if (await this.transitions.cancel(ctx, alert)) result.cancelled += 1;
        return;
      case 'resolve':
        if (await this.transitions.resolve(ctx, alert, judged.subject, rule.notifyRecovery ? targets : []))
          result.resolved += 1;
        return;
    }
  }

  /** Enabled channels the rules name, by id. */
  private async channelsOf(rules: readonly NotificationRuleEntity[]): Promise<Map<string, NotificationChannelEntity>> {
    const ids = [...new Set(rules.flatMap(ruleChannelIds))];
    const rows = await this.repo.channelsByIds(ids);
    return new Map(rows.filter((c) => c.enabled).map((c) => [c.id, c]));
  }

  /**
   * Every subject per condition. An agent is offline when its effective status is OFFLINE (a stale
   * heartbeat; DISABLED and REVOKED are an operator's choice, PENDING never ran) and carries the label
   * sets of its services. A service is unhealthy when its effective status is UNHEALTHY; while it is
   * OFFLINE or STALE (its agent is silent) it cannot be judged, and its alert is left as it is.
   */
  private async judge(nowMs: number): Promise<Map<NotificationEventType, Judged[]>> {
    const fleet = await this.services.fleetForAlerts(nowMs);
    const setsByAgent = new Map<string, Record<string, unknown>[]>();
    for (const s of fleet.services) setsByAgent.set(s.agentId, [...(setsByAgent.get(s.agentId) ?? []), s.labels]);
    const agents: Judged[] = fleet.agents
      .filter((a) => a.status === 'ONLINE' || a.status === 'OFFLINE')
      .map((a) => {
        const labelSets = setsByAgent.get(a.id) ?? [];
        return {
          subject: { type: 'agent', id: a.id, name: a.name ?? a.code, labels: displayLabels(labelSets) },
          labelSets,
          holds: a.status === 'OFFLINE',
        };
      });
    const services: Judged[] = fleet.services.map((s) => ({
      subject: { type: 'service', id: s.id, name: s.name || s.code, labels: displayLabels([s.labels]) },
      labelSets: [s.labels],
      holds: s.status === 'UNHEALTHY' ? true : s.status === 'HEALTHY' || s.status === 'UNKNOWN' ? false : null,
    }));
    return new Map<NotificationEventType, Judged[]>([
      ['agent.offline', agents],
      ['service.unhealthy', services],
    ]);
  }

  /** A one-shot timer to the next multiple of the interval (the same instants on every replica), re-armed each time. */
  private arm(servedMs?: number): void {
    if (this.stopped) return;
    const intervalMs = this.config.notifications.evaluateIntervalSeconds * 1000;
    const nowMs = this.clock.nowMs();
    const nextMs = ScheduledJobs.nextBoundary(nowMs, intervalMs, servedMs);
    this.timer = setTimeout(() => {
      this.arm(nextMs);
      void this.tick();
    }, nextMs - nowMs);
    this.timer.unref();
  }
}
