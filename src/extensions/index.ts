/**
 * The Opstage CE extension surface: the ONLY module an extension imports from the server
 * (docs/design/decisions.md, "One import path for extensions"). Everything here is a named, documented, stable export; anything not
 * exported here (repositories, entities, internal services) may change without notice.
 *
 * A complete, tested example lives in `test/fixtures/example-extension/` and is walked through
 * in `docs/extensions.md`.
 */

// ─── Declaring an extension ──────────────────────────────────────────────────────────────────

/**
 * Class decorator that turns a Nest module into an Opstage extension.
 *
 * @example
 * ```ts
 * @OpstageExtension({
 *   name: 'acme-inventory',
 *   version: '1.0.0',
 *   compatibility: '>=0.5.0 <1.0.0',
 *   entities: [InventoryItemEntity],          // table "ext_acme_inventory_items"
 *   migrations: [CreateInventoryItems1765000000000],
 * })
 * @Module({ imports: [ExtensionApiModule], controllers: [InventoryController], providers: [InventoryService] })
 * export class AcmeInventoryExtension {}
 *
 * // registration, in the deployment's bootstrap or via OPSTAGE_EXTENSIONS=acme-inventory
 * AppModule.forRoot({ config, extensions: [AcmeInventoryExtension] });
 * ```
 */
export { OpstageExtension } from './opstage-extension.decorator';

/**
 * The metadata `@OpstageExtension` takes, and the entity/migration class types it lists.
 *
 * @example
 * ```ts
 * const meta: OpstageExtensionMetadata = { name: 'acme-inventory', version: '1.0.0', compatibility: '^0.5.0' };
 * ```
 */
export type { OpstageExtensionMetadata, ExtensionEntity, ExtensionMigration } from './extension-metadata';

/**
 * Thrown at boot when an extension is refused (bad name, duplicate, incompatible version, table
 * clash, bad migration or route prefix); the message starts with `Extension "<name>":`.
 *
 * @example
 * ```ts
 * try { await createApp({ config, extensions }); } catch (e) { if (e instanceof ExtensionError) console.error(e.extension, e.message); }
 * ```
 */
export { ExtensionError } from './extension-error';

// ─── Reaching the core ───────────────────────────────────────────────────────────────────────

/**
 * Import it in your extension module to inject `AgentsReader`, `CommandEnqueuer` and
 * `AuditRecorder`. `Clock`, `IdGenerator`, `TransactionRunner` are global and need no import.
 *
 * @example
 * ```ts
 * @Module({ imports: [ExtensionApiModule], providers: [InventoryService] })
 * export class AcmeInventoryExtension {}
 * ```
 */
export { ExtensionApiModule } from './extension-api.module';

/**
 * Read-only agents and Capsule Services, shaped as the admin API returns them.
 *
 * @example
 * ```ts
 * const agent = await this.agents.getAgent(ctx, 'agt_01J…');       // AgentView | null
 * const page = await this.agents.listServices(ctx, { status: 'UNHEALTHY', pageSize: 50 });
 * page.items.forEach((s) => console.log(s.code, s.healthStatus));
 * ```
 */
export { AgentsReader } from './api/agents-reader';
/**
 * View and query types of `AgentsReader`.
 *
 * @example
 * ```ts
 * const online = (a: AgentView): boolean => a.effectiveStatus === 'ONLINE';
 * ```
 */
export type { AgentView, ServiceView, AgentListQuery, ServiceListQuery } from './api/agents-reader';

/**
 * Creates commands through the normal checks (schema, confirmation, agent availability), audit
 * and agent wake-up; `createdByType` is `EXTENSION`.
 *
 * @example
 * ```ts
 * const cmd = await this.commands.enqueue(ctx, { extension: 'acme-inventory', serviceId, actionName: 'reindex', payload: { full: true } });
 * ```
 */
export { CommandEnqueuer } from './api/command-enqueuer';
/**
 * Input and result types of `CommandEnqueuer.enqueue`.
 *
 * @example
 * ```ts
 * const input: ExtensionEnqueueInput = { extension: 'acme-inventory', serviceId, actionName: 'reindex' };
 * ```
 */
export type { CommandView, ExtensionEnqueueInput } from './api/command-enqueuer';

/**
 * Audit records for extension actions (`ext.<name>.<verb>`); pass the transaction's manager to
 * commit the record together with the change.
 *
 * @example
 * ```ts
 * await this.tx.run(async (em) => {
 *   await em.getRepository(InventoryItemEntity).insert(item);
 *   await this.audit.record(ctx, { action: 'ext.acme-inventory.item.created', targetType: 'InventoryItem', targetId: item.id }, em);
 * });
 * ```
 */
export { AuditRecorder } from './api/audit-recorder';
/**
 * Input of `AuditRecorder.record`.
 *
 * @example
 * ```ts
 * const input: ExtensionAuditInput = { action: 'ext.acme-inventory.synced', metadata: { items: 3 } };
 * ```
 */
export type { ExtensionAuditInput } from './api/audit-recorder';

/**
 * Injected time source (docs/design/architecture.md, "House rules"): never `new Date()` in services, so tests can pin time.
 *
 * @example
 * ```ts
 * constructor(private readonly clock: Clock) {}
 * const createdAt = this.clock.nowIso();
 * ```
 */
export { Clock } from '../common/time/clock';

/**
 * Prefixed, time-sortable ids (`<prefix>_<ULID>`). Pick a prefix of your own.
 *
 * @example
 * ```ts
 * const id = this.ids.next('inv'); // inv_01J…
 * ```
 */
export { IdGenerator } from '../common/ids/id-generator';

/**
 * Serialised SQLite transactions (one connection). Keep the work short and never await network
 * I/O inside; `manager` is for plain reads. `afterCommit(em, fn)` runs `fn` only once it commits.
 *
 * @example
 * ```ts
 * const rows = await this.tx.manager.getRepository(InventoryItemEntity).find();
 * await this.tx.run((em) => em.getRepository(InventoryItemEntity).update(id, { count: 3 }));
 * ```
 */
export { TransactionRunner } from '../database/transaction-runner';

/**
 * The handle of a running transaction, as `TransactionRunner.run(async (tx) => …)` hands it out.
 * A write that must commit with others takes it; the plain manager is not a `Tx`.
 */
export type { Tx } from '../database/transaction';

// ─── HTTP: policy, context, errors, lists ────────────────────────────────────────────────────

/**
 * Who is acting and when; the first argument of every service method. Listeners and timers use
 * `RequestContext.system(clock)`.
 *
 * @example
 * ```ts
 * @OnOpstageEvent('agent.offline')
 * async onOffline(e: AgentOfflineEvent): Promise<void> {
 *   const ctx = RequestContext.system(this.clock);
 *   const agent = await this.agents.getAgent(ctx, e.agentId);
 * }
 * ```
 */
export { RequestContext } from '../common/context/request-context';

/**
 * Parameter decorator giving a handler the RequestContext the global guard built.
 *
 * @example
 * ```ts
 * @Get() @Roles('viewer')
 * list(@Ctx() ctx: RequestContext) { return this.service.list(ctx); }
 * ```
 */
export { Ctx } from '../common/context/ctx.decorator';

/**
 * Route policies: every route needs exactly one (deny by default). `@Roles` is the minimum
 * session role (owner ⊃ operator ⊃ viewer; mutations also need the CSRF header); `@AgentAuth`
 * needs the bearer token of the `:agentId` path parameter; `@Public` needs nothing.
 *
 * @example
 * ```ts
 * @Post('items') @HttpCode(200) @Roles('operator')
 * create(@Ctx() ctx: RequestContext, @Body() dto: CreateItemDto) { return this.items.create(ctx, dto); }
 * ```
 */
export { Public, Roles, AgentAuth } from '../common/auth/policy.decorators';
/**
 * The session roles `@Roles` accepts.
 *
 * @example
 * ```ts
 * const minimum: Role = 'operator';
 * ```
 */
export type { Role } from '../contracts';

/**
 * The only error type services throw; rendered as `{success:false,error:{code,message,details,requestId}}`.
 * Codes outside the core table need an explicit HTTP status.
 *
 * @example
 * ```ts
 * throw new DomainError('ACME_ITEM_LOCKED', 'Item is locked.', { itemId }, 409);
 * ```
 */
export { DomainError } from '../common/errors/domain-error';

/**
 * List responses: return `new Page(items, pagination(req, total))` and the envelope becomes
 * `{success, data: items, pagination}`. `PaginationQueryDto` validates `page`/`pageSize`.
 *
 * @example
 * ```ts
 * class ListItemsQuery extends PaginationQueryDto {}
 * const req = pageRequest(query);                 // { page, pageSize, offset }
 * return new Page(rows, pagination(req, total));
 * ```
 */
export { Page } from '../common/http/envelope';
/** @example `class ListItemsQuery extends PaginationQueryDto { @IsOptional() @IsString() q?: string }` */
export { PaginationQueryDto, pageRequest, pagination } from '../common/http/pagination.dto';

/**
 * The core redaction policy: deep copy with secret-looking keys and token-looking values masked.
 * Run it on anything you log, store or send that may carry user data.
 *
 * @example
 * ```ts
 * redact({ password: 'x', note: 'Bearer abcdefghijk' }); // { password: '[REDACTED]', note: 'Bearer [REDACTED]' }
 * ```
 */
export { redact } from '../common/redaction/redact';

/**
 * The outbound-target guard the webhook notifier and notification channels use: why a URL or an address
 * must not receive server-side HTTP by default (link-local and cloud-metadata addresses), or null when it may.
 * `refusedResolvedUrl` also resolves the host name, as a later request would.
 *
 * @example
 * ```ts
 * refusedUrl('http://169.254.169.254/latest/meta-data'); // 'a link-local address'
 * refusedUrl('https://hooks.slack.com/services/T0/B0/X'); // null
 * if (await refusedResolvedUrl(target)) return; // before every delivery
 * ```
 */
export { refusedAddress, refusedUrl, refusedResolvedUrl } from '../common/net/outbound-target';

// ─── Domain events (delivered after commit) ──────────────────────────────────────────────────

/**
 * Subscribes a provider method to an Opstage event. Delivery happens after the change
 * committed, on a later tick; a throwing listener is logged and never affects the request.
 *
 * @example
 * ```ts
 * @Injectable()
 * export class OfflineAlerts {
 *   @OnOpstageEvent('agent.offline')
 *   async onOffline(event: AgentOfflineEvent): Promise<void> { … }
 * }
 * ```
 */
export { OnOpstageEvent } from '../common/events/on-opstage-event';

/**
 * The event names and a runtime check for them.
 *
 * @example
 * ```ts
 * if (isOpstageEventName(name)) subscribe(name);  // OPSTAGE_EVENT_NAMES lists all eight
 * ```
 */
export { OPSTAGE_EVENT_NAMES, isOpstageEventName } from '../common/events/opstage-events';

/**
 * Event name → payload map and the payload interfaces.
 *
 * @example
 * ```ts
 * function describe<K extends OpstageEventName>(name: K, payload: OpstageEvents[K]): string { return `${name} at ${payload.occurredAt}`; }
 * ```
 */
export type {
  OpstageEvents,
  OpstageEventName,
  OpstageEventBase,
  AgentRegisteredEvent,
  AgentOnlineEvent,
  AgentOfflineEvent,
  ServiceHealthChangedEvent,
  CommandCreatedEvent,
  CommandCompletedEvent,
  CommandFailedEvent,
  AuditRecordedEvent,
} from '../common/events/opstage-events';
