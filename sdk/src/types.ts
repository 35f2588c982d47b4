/**
 * Public types of the SDK that are not wire types: providers, action definitions, handler
 * context and handler results.
 */

import type {
  ActionDefinitionWire,
  CommandType,
  ConfigItemWire,
  DangerLevel,
  HealthReportInput,
  JsonObject,
} from './protocol.js';

/** Returns the current health of the service. Exceptions become `UNKNOWN`. */
export type HealthProvider = () => HealthReportInput | Promise<HealthReportInput>;

/**
 * A config item as returned by a config provider. `currentValue` (design name) is turned into
 * `valuePreview` for non-sensitive items; for `sensitive: true` items no value ever leaves the process.
 */
export interface ConfigItemInput extends ConfigItemWire {
  /** Observed value of any type; stringified into `valuePreview` when not sensitive. */
  currentValue?: unknown;
  /** Description (not sent: the wire has no such field). */
  description?: string;
}

/** Returns the service's observed configuration. Exceptions keep the last good list. */
export type ConfigProvider = () => ConfigItemInput[] | Promise<ConfigItemInput[]>;

/** Column / field formats understood by the console. */
export type ResultFormat = 'text' | 'status' | 'datetime' | 'boolean' | 'code' | 'duration' | 'relativeTime' | 'bytes';

/**
 * A link from a result to another action of the same service. Strings `"$row.<path>"` inside
 * `payload` are replaced by the row's values. Opens the target action's form; never runs blindly.
 */
export interface ResultLinkAction {
  /** Button text. */
  label: string;
  /** Name of the target action. */
  action: string;
  /** Payload template. */
  payload?: JsonObject;
  /** Paint the button as dangerous. */
  danger?: boolean;
  /** Confirmation hint. */
  confirm?: boolean | string;
}

/** Table column of a {@link ResultList}. */
export interface ResultColumn {
  /** Row key, dot path allowed. */
  key: string;
  /** Header text. */
  label?: string;
  /** Cell format. */
  format?: ResultFormat;
  /** Show a copy button. */
  copyable?: boolean;
  /** Truncate long values. */
  ellipsis?: boolean;
  /** Column width (px number or CSS length). */
  width?: number | string;
}

/** Structured table result, rendered above the raw JSON (`data.list`). */
export interface ResultList {
  /** Table title. */
  title?: string;
  /** Rows. */
  data: JsonObject[];
  /** Columns (inferred from the first row when omitted). */
  columns?: ResultColumn[];
  /** Text when there are no rows. */
  emptyText?: string;
  /** Client-side page size (default 10). */
  pageSize?: number;
  /** Buttons on each row. */
  rowActions?: ResultLinkAction[];
  /** Buttons above the table. */
  pageActions?: ResultLinkAction[];
}

/** Field of a {@link ResultDetail}. */
export interface ResultField {
  /** Key in `detail.data`, dot path allowed. */
  key: string;
  /** Label. */
  label?: string;
  /** Format. */
  format?: ResultFormat;
  /** Show a copy button. */
  copyable?: boolean;
}

/** Structured detail card (`data.detail`). `$row.*` in action payloads resolves against `data`. */
export interface ResultDetail {
  /** Card title. */
  title?: string;
  /** The object shown. */
  data: JsonObject;
  /** Fields to show (default: up to 12 keys). */
  fields?: ResultField[];
  /** Buttons on the card. */
  actions?: ResultLinkAction[];
}

/** `data` of an action result, with the structured parts the console renders. */
export interface ActionResultData extends JsonObject {
  /** Table. */
  list?: ResultList;
  /** Detail card. */
  detail?: ResultDetail;
  /** Conventional one-time secret field. */
  generatedKey?: string;
  /** Top-level keys of `data` that are one-time secrets (docs/actions-and-commands.md, "Sealed secrets"). */
  oneTimeFields?: string[];
}

/** Failure reason of an action result. */
export interface ActionResultError {
  /** Stable code; becomes the command's `errorCode`. */
  code: string;
  /** Message; becomes the command's `errorMessage`. */
  message: string;
  /** Details. */
  details?: JsonObject;
}

/** Explicit result of an action handler. */
export interface ActionResult {
  /** Outcome. */
  success: boolean;
  /** Summary message. */
  message?: string;
  /** Data. */
  data?: ActionResultData;
  /** Failure reason. */
  error?: ActionResultError;
}

/**
 * What a handler may return: an {@link ActionResult}, a plain data object (becomes
 * `{ success: true, data }`), or nothing (`{ success: true }`).
 */
export type ActionHandlerReturn = ActionResult | JsonObject | undefined | void;

/** Result of a `prepare` step: refines the form before the operator runs the action. */
export interface ActionPrepareResult {
  /** Partial catalog override (label, description, inputSchema, …). */
  action?: Partial<ActionDefinitionWire>;
  /** Values pre-filled in the form. */
  initialPayload?: JsonObject;
  /** Current state shown before execution; may contain a `detail` card. */
  currentState?: JsonObject & { detail?: ResultDetail };
}

/** Context passed to handlers and prepare steps. */
export interface ActionContext {
  /** Command id (`cmd_…`). */
  commandId: string;
  /** `ACTION_EXECUTE` or `ACTION_PREPARE`. */
  commandType: CommandType;
  /** Action name. */
  actionName: string;
  /** Code of the service this agent represents. */
  serviceCode: string;
  /** Target service id. */
  serviceId: string;
  /** Agent id. */
  agentId: string;
  /** Creating user (`null` for bus-created commands). */
  createdByUserId: string | null;
  /** ISO-8601 creation time. */
  createdAt: string;
  /** ISO-8601 expiry or `null`. */
  expiresAt: string | null;
  /**
   * Aborted when an operator cancels the command, when `timeoutSeconds` elapses, or when the
   * agent stops. `signal.reason` is an `Error` with `code` `COMMAND_CANCELLED`, `ACTION_TIMEOUT` or `AGENT_STOPPING`.
   */
  signal: AbortSignal;
  /** Logs through the agent's sinks with the command's identifiers attached. */
  log(message: string, data?: Record<string, unknown>): void;
}

/**
 * An action registered with `agent.action()`. Everything except `handler`/`prepare` is reported
 * to the console as the action catalog.
 *
 * @typeParam P - payload shape (validate it yourself: the backend does not)
 */
export interface ActionDefinitionInput<P extends JsonObject = JsonObject> {
  /** Stable, unique name (`[A-Za-z0-9][A-Za-z0-9._-]*`, ≤128). Shell-like names are refused. */
  name: string;
  /** Button text. */
  label: string;
  /** Shown at the top of the form. */
  description?: string;
  /** Default `LOW`. */
  dangerLevel?: DangerLevel;
  /** Default `true` for `HIGH`, else `false`. */
  requiresConfirmation?: boolean;
  /** Handler time limit and command TTL in seconds (positive integer). */
  timeoutSeconds?: number;
  /** UI grouping. */
  category?: string;
  /** Order within the category. */
  order?: number;
  /** Form schema. */
  inputSchema?: JsonObject;
  /**
   * Runs the action. Honour `ctx.signal` for long work.
   *
   * @param payload - operator payload
   * @param ctx - command context
   */
  handler(payload: P, ctx: ActionContext): ActionHandlerReturn | Promise<ActionHandlerReturn>;
  /**
   * Optional side-effect-free prepare step (dynamic defaults, current state).
   *
   * @param payload - prepare payload (usually `{}`)
   * @param ctx - command context
   */
  prepare?(payload: JsonObject, ctx: ActionContext): ActionPrepareResult | Promise<ActionPrepareResult>;
}

/** Signature of an action handler. */
export type ActionHandler<P extends JsonObject = JsonObject> = ActionDefinitionInput<P>['handler'];

/** Signature of an action prepare step. */
export type ActionPrepare = NonNullable<ActionDefinitionInput['prepare']>;
