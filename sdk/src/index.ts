/**
 * `@opstage/agent-node`: embed an Opstage CE agent in a Node service to make it a Capsule Service.
 *
 * @example
 * ```ts
 * import { CapsuleAgent } from '@opstage/agent-node';
 * const agent = new CapsuleAgent({ service: { code: 'billing', name: 'Billing' } });
 * await agent.health(() => ({ status: 'UP' })).start();
 * ```
 *
 * @packageDocumentation
 */

export { CapsuleAgent } from './agent.js';
export type { CapsuleAgentEvents, PublishOptions, StopOptions } from './agent.js';
export type { AgentState } from './runtime.js';

export { SDK_VERSION } from './options.js';
export type { AgentIdentityOptions, CapsuleAgentOptions, IntervalOptions, ServiceOptions } from './options.js';
export type { RetryOptions } from './backoff.js';

export {
  AgentApiError,
  AgentAuthError,
  AgentConfigError,
  CapsuleAgentError,
  isAgentDisabledError,
  NetworkError,
  RegistrationError,
  TokenStoreError,
} from './errors.js';
export type { AgentApiErrorInit } from './errors.js';

export { FileTokenStore, MemoryTokenStore, parseTokenFile } from './token-store.js';
export type { AgentCredentials, FileTokenStoreOptions, TokenStore } from './token-store.js';

export { createProxyDispatcher, readProxyEnvironment } from './http.js';
export type { AgentFetch, AgentFetchInit, AgentFetchResponse, ProxyEnvironment } from './http.js';

export { REDACTED, isSensitiveKey, redactText, redactValue } from './logging.js';
export type { AgentLoggerLike, LogLevel, LogRecord } from './logging.js';

export {
  actionFailure,
  actionSuccess,
  resultAction,
  resultDetail,
  resultTable,
  rowRef,
  withOneTimeFields,
} from './results.js';
export type { ActionSuccessOptions } from './results.js';

export type {
  ActionContext,
  ActionDefinitionInput,
  ActionHandler,
  ActionHandlerReturn,
  ActionPrepare,
  ActionPrepareResult,
  ActionResult,
  ActionResultData,
  ActionResultError,
  ConfigItemInput,
  ConfigProvider,
  HealthProvider,
  ResultColumn,
  ResultDetail,
  ResultField,
  ResultFormat,
  ResultLinkAction,
  ResultList,
} from './types.js';

export type {
  ActionDefinitionWire,
  AgentCommand,
  AgentIdentityWire,
  AgentMode,
  ApiErrorBody,
  CapsuleManifest,
  CommandResultBody,
  CommandResultError,
  CommandResultResponse,
  CommandStatus,
  CommandType,
  ConfigItemWire,
  DangerLevel,
  ErrorEnvelope,
  HealthReportInput,
  HealthStatus,
  HeartbeatRequest,
  HeartbeatResponse,
  JsonObject,
  PollCommandsQuery,
  PollCommandsResponse,
  RegisterAgentRequest,
  RegisterAgentResponse,
  ReportedService,
  ReportedServiceState,
  RuntimeKind,
  ServerIntervals,
  ServiceReportRequest,
  ServiceReportResponse,
  SuccessEnvelope,
} from './protocol.js';
export type { BusEventRequest, BusEventResponse, BusRoutedCommand } from './protocol-bus.js';
