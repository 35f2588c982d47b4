import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RejectionAuditSampler } from '../audit/rejection-sampler';
import { ReadBarrier } from '../common/consistency/read-barrier';
import { RequestContext } from '../common/context/request-context';
import { DomainError, unauthorized } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { CommandEntity } from '../commands/command.entity';
import { RuntimeSettingsService } from '../settings/runtime-settings.service';
import { CountersService } from '../system/counters.service';
import { statusCutoffs } from './dashboard.service';
import { DURATION_SAMPLE, durationMsOf } from './metrics.service';
import { COUNTER_KEYS, commandOutcomeTotals, TERMINAL_OUTCOMES } from './operational-counters';
import { StatsRepository, type DurationRow } from './stats.repository';
import type { CountMap } from '../contracts';

const AGENT_STATUSES = ['PENDING', 'ONLINE', 'OFFLINE', 'DISABLED', 'REVOKED'];
const SERVICE_STATUSES = ['HEALTHY', 'UNHEALTHY', 'STALE', 'OFFLINE', 'UNKNOWN'];
const COMMAND_STATUSES = ['AWAITING_APPROVAL', 'PENDING', 'RUNNING', ...TERMINAL_OUTCOMES];
const DURATION_BUCKETS_S = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const HTTP_BUCKETS_S = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Upper bound of new completions folded into the histogram per scrape. */
const MAX_NEW_DURATIONS = 10_000;

/**
 * The Prometheus exposition (docs/design/decisions.md, "Prometheus metrics, off by default") from a registry this
 * module owns (never prom-client's
 * global one, so several app instances in one process do not collide). Gauges and outcome
 * counters are read from the database on scrape; HTTP metrics are observed by the middleware.
 */
@Injectable()
export class PrometheusService implements OnModuleInit {
  readonly registry = new Registry();
  private httpRequests!: Counter<'method' | 'route' | 'status'>;
  private httpDuration!: Histogram<'method' | 'route' | 'status'>;
  private commandDuration!: Histogram;
  /** completedAt of the newest command already observed; undefined until the first scrape. */
  private durationWatermark: string | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stats: StatsRepository,
    private readonly settings: RuntimeSettingsService,
    private readonly counters: CountersService,
    private readonly clock: Clock,
    private readonly rejections: RejectionAuditSampler,
    private readonly barrier: ReadBarrier,
  ) {}

  onModuleInit(): void {
    const registers = [this.registry];
    // Every series names the replica it came from: behind a load balancer each scrape target is one replica
    // (docs/scaling.md, "Health and metrics per replica").
    this.registry.setDefaultLabels({ replica: this.config.replicaId });
    if (this.config.metricsEnabled) collectDefaultMetrics({ register: this.registry, prefix: 'opstage_' });
    const exposure = metricsExposureWarning(this.config);
    if (exposure) new Logger('metrics').warn({ msg: exposure, host: this.config.host });

    const dropped: Counter<'reason'> = new Counter({
      name: 'opstage_audit_rejections_dropped_total',
      help: 'Rejected unauthenticated requests not written to the audit log (sampled per address and route, or over the per-minute cap)',
      labelNames: ['reason'],
      registers,
      collect: () => {
        dropped.reset();
        for (const [reason, n] of Object.entries(this.rejections.dropped())) dropped.inc({ reason }, n);
      },
    });

    const ctx = (): RequestContext => RequestContext.system(this.clock);
    this.gaugeByStatus('opstage_agents', 'Agents by effective status', AGENT_STATUSES, () =>
      this.stats.agentsByEffectiveStatus(statusCutoffs(ctx(), this.settings, this.config.serviceStaleThresholdSeconds)),
    );
    this.gaugeByStatus('opstage_capsule_services', 'Capsule services by effective status', SERVICE_STATUSES, () =>
      this.stats.servicesByEffectiveStatus(
        statusCutoffs(ctx(), this.settings, this.config.serviceStaleThresholdSeconds),
      ),
    );
    this.gaugeByStatus('opstage_commands', 'Commands currently stored, by status', COMMAND_STATUSES, () =>
      this.stats.byStoredStatus(CommandEntity),
    );

    const outcomes: Counter<'outcome'> = new Counter({
      name: 'opstage_commands_finished_total',
      help: 'Commands that reached a terminal state, by outcome (rows kept plus rows pruned by retention)',
      labelNames: ['outcome'],
      registers,
      collect: async () => {
        const totals = commandOutcomeTotals(await this.stats.byStoredStatus(CommandEntity), this.counters.snapshot());
        outcomes.reset();
        for (const outcome of TERMINAL_OUTCOMES) outcomes.inc({ outcome }, totals[outcome] ?? 0);
      },
    });
    this.persistedCounter('opstage_agent_heartbeats_total', 'Agent heartbeats received', COUNTER_KEYS.heartbeats);
    this.persistedCounter('opstage_agent_polls_total', 'Agent command polls received', COUNTER_KEYS.polls);
    this.persistedCounter('opstage_commands_dispatched_total', 'Commands handed to agents', COUNTER_KEYS.dispatched);
    this.persistedCounter(
      'opstage_command_results_oversized_total',
      'Command results rejected as too large',
      COUNTER_KEYS.oversized,
    );

    this.httpRequests = new Counter({
      name: 'opstage_http_requests_total',
      help: 'HTTP requests by matched route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'opstage_http_request_duration_seconds',
      help: 'HTTP request latency by matched route',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_BUCKETS_S,
      registers,
    });
    this.commandDuration = new Histogram({
      name: 'opstage_command_duration_seconds',
      help: 'Time from dispatch (startedAt) to completion of commands',
      buckets: DURATION_BUCKETS_S,
      registers,
      collect: () => this.observeNewDurations(),
    });
  }

  /** 404 unless enabled; with a configured token, a matching bearer is required (constant-time compare). */
  authorize(authorization: string | undefined): void {
    if (!this.config.metricsEnabled)
      throw new DomainError('METRICS_DISABLED', 'Prometheus metrics are disabled (set OPSTAGE_METRICS_ENABLED=true).');
    const expected = this.config.metricsToken;
    if (!expected) return;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match?.[1] || !sameSecret(match[1], expected)) throw unauthorized('A valid metrics bearer token is required.');
  }

  async scrape(authorization: string | undefined): Promise<{ contentType: string; body: string }> {
    this.authorize(authorization);
    // A public route, so the policy guard does not settle for it: the gauges count heartbeat age.
    await this.barrier.settle();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    if (!this.httpRequests) return;
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  private gaugeByStatus(name: string, help: string, statuses: string[], read: () => Promise<CountMap>): void {
    const gauge: Gauge<'status'> = new Gauge({
      name,
      help,
      labelNames: ['status'],
      registers: [this.registry],
      collect: async () => {
        const counts = await read();
        gauge.reset();
        for (const status of new Set([...statuses, ...Object.keys(counts)])) gauge.set({ status }, counts[status] ?? 0);
      },
    });
  }

  private persistedCounter(name: string, help: string, key: string): void {
    const counter: Counter = new Counter({
      name,
      help,
      registers: [this.registry],
      collect: () => {
        counter.reset();
        counter.inc(this.counters.get(key));
      },
    });
  }

  /** First scrape seeds the histogram with the last 1,000 durations; later scrapes add only newer completions. */
  private async observeNewDurations(): Promise<void> {
    const rows: DurationRow[] =
      this.durationWatermark === undefined
        ? (await this.stats.recentDurations(DURATION_SAMPLE)).reverse()
        : await this.stats.durationsSince(this.durationWatermark, MAX_NEW_DURATIONS);
    for (const row of rows) {
      const ms = durationMsOf(row);
      if (ms !== undefined) this.commandDuration.observe(ms / 1000);
      if (this.durationWatermark === undefined || row.completedAt > this.durationWatermark)
        this.durationWatermark = row.completedAt;
    }
    this.durationWatermark ??= this.clock.nowIso();
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '::1', '[::1]']);

/** `/metrics` open to the network without a token: worth a warning at start-up (docs/security.md). */
export function metricsExposureWarning(
  config: Pick<AppConfig, 'metricsEnabled' | 'metricsToken' | 'host'>,
): string | null {
  if (!config.metricsEnabled || config.metricsToken) return null;
  const host = config.host.trim().toLowerCase();
  if (LOOPBACK_HOSTS.has(host) || host.startsWith('127.')) return null;
  return `GET /metrics is enabled without OPSTAGE_METRICS_TOKEN on ${config.host}: anyone who can reach the port can read it. Set OPSTAGE_METRICS_TOKEN or bind OPSTAGE_HOST to a loopback address.`;
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
