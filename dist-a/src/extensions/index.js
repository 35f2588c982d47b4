"use strict";
/**
 * The Opstage CE extension surface: the ONLY module an extension imports from the server
 * (architecture §3.5). Everything here is a named, documented, stable export; anything not
 * exported here (repositories, entities, internal services) may change without notice.
 *
 * A complete, tested example lives in `test/fixtures/example-extension/` and is walked through
 * in `README.md ("Extensions")`.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.isOpstageEventName = exports.OPSTAGE_EVENT_NAMES = exports.OnOpstageEvent = exports.redact = exports.pagination = exports.pageRequest = exports.PaginationQueryDto = exports.Page = exports.DomainError = exports.AgentAuth = exports.Roles = exports.Public = exports.Ctx = exports.RequestContext = exports.TransactionRunner = exports.IdGenerator = exports.Clock = exports.AuditRecorder = exports.CommandEnqueuer = exports.AgentsReader = exports.ExtensionApiModule = exports.ExtensionError = exports.OpstageExtension = void 0;
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
var opstage_extension_decorator_1 = require("./opstage-extension.decorator");
Object.defineProperty(exports, "OpstageExtension", { enumerable: true, get: function () { return opstage_extension_decorator_1.OpstageExtension; } });
/**
 * Thrown at boot when an extension is refused (bad name, duplicate, incompatible version, table
 * clash, bad migration or route prefix); the message starts with `Extension "<name>":`.
 *
 * @example
 * ```ts
 * try { await createApp({ config, extensions }); } catch (e) { if (e instanceof ExtensionError) console.error(e.extension, e.message); }
 * ```
 */
var extension_error_1 = require("./extension-error");
Object.defineProperty(exports, "ExtensionError", { enumerable: true, get: function () { return extension_error_1.ExtensionError; } });
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
var extension_api_module_1 = require("./extension-api.module");
Object.defineProperty(exports, "ExtensionApiModule", { enumerable: true, get: function () { return extension_api_module_1.ExtensionApiModule; } });
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
var agents_reader_1 = require("./api/agents-reader");
Object.defineProperty(exports, "AgentsReader", { enumerable: true, get: function () { return agents_reader_1.AgentsReader; } });
/**
 * Creates commands through the normal checks (schema, confirmation, agent availability), audit
 * and agent wake-up; `createdByType` is `EXTENSION`.
 *
 * @example
 * ```ts
 * const cmd = await this.commands.enqueue(ctx, { extension: 'acme-inventory', serviceId, actionName: 'reindex', payload: { full: true } });
 * ```
 */
var command_enqueuer_1 = require("./api/command-enqueuer");
Object.defineProperty(exports, "CommandEnqueuer", { enumerable: true, get: function () { return command_enqueuer_1.CommandEnqueuer; } });
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
var audit_recorder_1 = require("./api/audit-recorder");
Object.defineProperty(exports, "AuditRecorder", { enumerable: true, get: function () { return audit_recorder_1.AuditRecorder; } });
/**
 * Injected time source (house rule 12): never `new Date()` in services, so tests can pin time.
 *
 * @example
 * ```ts
 * constructor(private readonly clock: Clock) {}
 * const createdAt = this.clock.nowIso();
 * ```
 */
var clock_1 = require("../common/time/clock");
Object.defineProperty(exports, "Clock", { enumerable: true, get: function () { return clock_1.Clock; } });
/**
 * Prefixed, time-sortable ids (`<prefix>_<ULID>`). Pick a prefix of your own.
 *
 * @example
 * ```ts
 * const id = this.ids.next('inv'); // inv_01J…
 * ```
 */
var id_generator_1 = require("../common/ids/id-generator");
Object.defineProperty(exports, "IdGenerator", { enumerable: true, get: function () { return id_generator_1.IdGenerator; } });
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
var transaction_runner_1 = require("../database/transaction-runner");
Object.defineProperty(exports, "TransactionRunner", { enumerable: true, get: function () { return transaction_runner_1.TransactionRunner; } });
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
var request_context_1 = require("../common/context/request-context");
Object.defineProperty(exports, "RequestContext", { enumerable: true, get: function () { return request_context_1.RequestContext; } });
/**
 * Parameter decorator giving a handler the RequestContext the global guard built.
 *
 * @example
 * ```ts
 * @Get() @Roles('viewer')
 * list(@Ctx() ctx: RequestContext) { return this.service.list(ctx); }
 * ```
 */
var ctx_decorator_1 = require("../common/context/ctx.decorator");
Object.defineProperty(exports, "Ctx", { enumerable: true, get: function () { return ctx_decorator_1.Ctx; } });
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
var policy_decorators_1 = require("../common/auth/policy.decorators");
Object.defineProperty(exports, "Public", { enumerable: true, get: function () { return policy_decorators_1.Public; } });
Object.defineProperty(exports, "Roles", { enumerable: true, get: function () { return policy_decorators_1.Roles; } });
Object.defineProperty(exports, "AgentAuth", { enumerable: true, get: function () { return policy_decorators_1.AgentAuth; } });
/**
 * The only error type services throw; rendered as `{success:false,error:{code,message,details,requestId}}`.
 * Codes outside the core table need an explicit HTTP status.
 *
 * @example
 * ```ts
 * throw new DomainError('ACME_ITEM_LOCKED', 'Item is locked.', { itemId }, 409);
 * ```
 */
var domain_error_1 = require("../common/errors/domain-error");
Object.defineProperty(exports, "DomainError", { enumerable: true, get: function () { return domain_error_1.DomainError; } });
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
var envelope_1 = require("../common/http/envelope");
Object.defineProperty(exports, "Page", { enumerable: true, get: function () { return envelope_1.Page; } });
/** @example `class ListItemsQuery extends PaginationQueryDto { @IsOptional() @IsString() q?: string }` */
var pagination_dto_1 = require("../common/http/pagination.dto");
Object.defineProperty(exports, "PaginationQueryDto", { enumerable: true, get: function () { return pagination_dto_1.PaginationQueryDto; } });
Object.defineProperty(exports, "pageRequest", { enumerable: true, get: function () { return pagination_dto_1.pageRequest; } });
Object.defineProperty(exports, "pagination", { enumerable: true, get: function () { return pagination_dto_1.pagination; } });
/**
 * The core redaction policy: deep copy with secret-looking keys and token-looking values masked.
 * Run it on anything you log, store or send that may carry user data.
 *
 * @example
 * ```ts
 * redact({ password: 'x', note: 'Bearer abcdefghijk' }); // { password: '[REDACTED]', note: 'Bearer [REDACTED]' }
 * ```
 */
var redact_1 = require("../common/redaction/redact");
Object.defineProperty(exports, "redact", { enumerable: true, get: function () { return redact_1.redact; } });
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
var on_opstage_event_1 = require("../common/events/on-opstage-event");
Object.defineProperty(exports, "OnOpstageEvent", { enumerable: true, get: function () { return on_opstage_event_1.OnOpstageEvent; } });
/**
 * The event names and a runtime check for them.
 *
 * @example
 * ```ts
 * if (isOpstageEventName(name)) subscribe(name);  // OPSTAGE_EVENT_NAMES lists all seven
 * ```
 */
var opstage_events_1 = require("../common/events/opstage-events");
Object.defineProperty(exports, "OPSTAGE_EVENT_NAMES", { enumerable: true, get: function () { return opstage_events_1.OPSTAGE_EVENT_NAMES; } });
Object.defineProperty(exports, "isOpstageEventName", { enumerable: true, get: function () { return opstage_events_1.isOpstageEventName; } });
//# sourceMappingURL=index.js.map