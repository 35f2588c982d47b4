/**
 * The demo Capsule Service: a small "accounts and API keys" service that exercises every SDK
 * feature (health, configs with a secret, a one-time secret, a table with row actions, a detail
 * view, a HIGH action that needs confirmation, a prepare step, and a cancellable slow task).
 */

import { randomBytes } from 'node:crypto';

import {
  actionFailure,
  actionSuccess,
  CapsuleAgent,
  resultAction,
  resultDetail,
  resultTable,
  rowRef,
} from '@opstage/agent-node';
import type { CapsuleAgentOptions, JsonObject } from '@opstage/agent-node';

interface Account extends JsonObject {
  id: string;
  label: string;
  emailMasked: string;
  enabled: boolean;
  healthy: boolean;
  credentialsRotatedAt: string;
}

interface Settings extends JsonObject {
  greeting: string;
  maxItems: number;
  maintenance: boolean;
}

const now = (): string => new Date().toISOString();

/** Builds the demo agent. `overrides` are merged into the agent options (tests, custom backends). */
export function createDemoService(overrides: Partial<CapsuleAgentOptions> = {}): CapsuleAgent {
  const env = overrides.env ?? process.env;
  const startedAt = Date.now();
  const settings: Settings = { greeting: env['DEMO_MESSAGE'] ?? 'hello capsule', maxItems: 50, maintenance: false };
  const accounts: Account[] = [
    {
      id: 'acc_primary',
      label: 'Primary',
      emailMasked: 'o***@example.com',
      enabled: true,
      healthy: true,
      credentialsRotatedAt: now(),
    },
    {
      id: 'acc_backup',
      label: 'Backup',
      emailMasked: 'b***@example.com',
      enabled: true,
      healthy: true,
      credentialsRotatedAt: now(),
    },
    {
      id: 'acc_legacy',
      label: 'Legacy',
      emailMasked: 'l***@example.com',
      enabled: false,
      healthy: false,
      credentialsRotatedAt: now(),
    },
  ];
  const apiKeys: Array<{ id: string; label: string; prefix: string; createdAt: string }> = [];
  const findAccount = (id: unknown): Account | undefined => accounts.find((account) => account.id === id);

  const agent = new CapsuleAgent({
    agent: { code: env['OPSTAGE_AGENT_CODE'] ?? 'demo-agent', name: 'Demo agent' },
    service: {
      code: env['DEMO_SERVICE_CODE'] ?? 'demo-service',
      name: env['DEMO_SERVICE_NAME'] ?? 'Demo Capsule Service',
      description: 'Example service shipped with @opstage/agent-node: accounts, API keys and settings.',
      version: '0.5.0',
      capabilities: ['demo.echo', 'demo.api-keys', 'demo.accounts'],
    },
    manifest: { labels: { example: 'true', team: 'platform' }, links: { documentation: 'sdk/README.md' } },
    ...overrides,
  });

  agent.health(() => ({
    status: settings.maintenance ? 'DEGRADED' : 'UP',
    message: settings.maintenance ? 'Maintenance mode is on.' : 'All good.',
    details: { uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), apiKeys: apiKeys.length, accounts },
  }));

  agent.configs(() => [
    { key: 'demo.message', label: 'Greeting', type: 'string', source: 'env', currentValue: settings.greeting },
    { key: 'demo.maxItems', label: 'Max items', type: 'number', source: 'runtime', currentValue: settings.maxItems },
    {
      key: 'demo.maintenance',
      label: 'Maintenance mode',
      type: 'boolean',
      source: 'runtime',
      currentValue: settings.maintenance,
    },
    {
      key: 'demo.secret',
      label: 'Upstream secret',
      type: 'secretRef',
      source: 'env',
      sensitive: true,
      secretRef: 'env:DEMO_SECRET',
      currentValue: env['DEMO_SECRET'],
    },
  ]);

  agent.action({
    name: 'echo',
    label: 'Echo',
    description: 'Returns the payload it receives.',
    category: 'diagnostics',
    inputSchema: {
      type: 'object',
      properties: { message: { type: 'string', title: 'Message', default: settings.greeting } },
    },
    handler: (payload) =>
      actionSuccess(
        { echo: payload, receivedAt: now() },
        { message: `Echo: ${typeof payload['message'] === 'string' ? payload['message'] : ''}` },
      ),
  });

  agent.action({
    name: 'generate-api-key',
    label: 'Generate API key',
    category: 'api-key',
    dangerLevel: 'MEDIUM',
    description: 'Creates an API key. The key is shown once to the first operator who opens the result.',
    inputSchema: {
      type: 'object',
      required: ['label'],
      properties: { label: { type: 'string', title: 'Label', maxLength: 80 } },
    },
    handler: (payload) => {
      const label = typeof payload['label'] === 'string' ? payload['label'].trim() : '';
      if (label === '') return actionFailure('INVALID_PAYLOAD', 'label is required.');
      const key = `demo_${randomBytes(24).toString('base64url')}`;
      const record = { id: `key_${apiKeys.length + 1}`, label, prefix: key.slice(0, 9), createdAt: now() };
      apiKeys.push(record);
      return actionSuccess(
        { ...record, generatedKey: key },
        { message: `API key ${record.id} created.`, oneTimeFields: ['generatedKey'] },
      );
    },
  });

  agent.action({
    name: 'list-accounts',
    label: 'List accounts',
    category: 'account',
    description: 'Accounts with their state.',
    handler: () =>
      actionSuccess({
        accounts,
        list: resultTable({
          title: 'Accounts',
          data: accounts,
          columns: [
            { key: 'id', label: 'ID', format: 'code', copyable: true },
            { key: 'label', label: 'Label' },
            { key: 'emailMasked', label: 'Email' },
            { key: 'enabled', label: 'Enabled', format: 'boolean' },
            { key: 'credentialsRotatedAt', label: 'Rotated', format: 'relativeTime' },
          ],
          rowActions: [
            resultAction('Details', 'show-account', { accountId: rowRef('id') }),
            resultAction('Rotate credentials', 'rotate-credentials', { accountId: rowRef('id') }, { danger: true }),
          ],
          emptyText: 'No accounts.',
        }),
      }),
  });

  agent.action({
    name: 'show-account',
    label: 'Account details',
    category: 'row-action',
    inputSchema: {
      type: 'object',
      required: ['accountId'],
      properties: { accountId: { type: 'string', title: 'Account' } },
    },
    handler: (payload) => {
      const account = findAccount(payload['accountId']);
      if (!account) return actionFailure('ACCOUNT_NOT_FOUND', `No account ${String(payload['accountId'])}.`);
      return actionSuccess({
        detail: resultDetail({
          title: account.label,
          data: account,
          fields: [
            { key: 'id', format: 'code', copyable: true },
            { key: 'emailMasked', label: 'Email' },
            { key: 'enabled', format: 'boolean' },
            { key: 'credentialsRotatedAt', format: 'datetime' },
          ],
          actions: [
            resultAction('Rotate credentials', 'rotate-credentials', { accountId: rowRef('id') }, { danger: true }),
          ],
        }),
      });
    },
  });

  agent.action({
    name: 'rotate-credentials',
    label: 'Rotate credentials',
    category: 'account',
    dangerLevel: 'HIGH',
    requiresConfirmation: true,
    description: 'Invalidates the account credentials and issues new ones. Clients using the old ones stop working.',
    inputSchema: {
      type: 'object',
      required: ['accountId'],
      properties: { accountId: { type: 'string', title: 'Account' } },
    },
    prepare: () => ({
      action: {
        inputSchema: {
          type: 'object',
          required: ['accountId'],
          properties: {
            accountId: {
              type: 'string',
              title: 'Account',
              enum: accounts.map((a) => a.id),
              enumLabels: accounts.map((a) => a.label),
            },
          },
        },
      },
      initialPayload: { accountId: accounts[0]?.id ?? '' },
    }),
    handler: (payload) => {
      const account = findAccount(payload['accountId']);
      if (!account) return actionFailure('ACCOUNT_NOT_FOUND', `No account ${String(payload['accountId'])}.`);
      account.credentialsRotatedAt = now();
      return actionSuccess(
        { accountId: account.id, rotatedAt: account.credentialsRotatedAt },
        { message: `Credentials of ${account.label} rotated.` },
      );
    },
  });

  agent.action({
    name: 'update-settings',
    label: 'Update settings',
    category: 'runtime-config',
    dangerLevel: 'MEDIUM',
    description: 'Changes runtime settings; the form is pre-filled with the current values.',
    inputSchema: {
      type: 'object',
      properties: {
        greeting: { type: 'string', title: 'Greeting' },
        maxItems: { type: 'integer', title: 'Max items' },
        maintenance: { type: 'boolean', title: 'Maintenance mode' },
      },
    },
    prepare: () => ({
      initialPayload: { ...settings },
      currentState: { detail: resultDetail({ title: 'Current settings', data: { ...settings } }) },
    }),
    handler: (payload) => {
      const { greeting, maxItems, maintenance } = payload;
      if (greeting !== undefined && (typeof greeting !== 'string' || greeting.length > 200))
        return actionFailure('INVALID_PAYLOAD', 'greeting must be a string of at most 200 characters.');
      if (
        maxItems !== undefined &&
        (typeof maxItems !== 'number' || !Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000)
      )
        return actionFailure('INVALID_PAYLOAD', 'maxItems must be an integer between 1 and 1000.');
      if (maintenance !== undefined && typeof maintenance !== 'boolean')
        return actionFailure('INVALID_PAYLOAD', 'maintenance must be a boolean.');
      if (typeof greeting === 'string') settings.greeting = greeting;
      if (typeof maxItems === 'number') settings.maxItems = maxItems;
      if (typeof maintenance === 'boolean') settings.maintenance = maintenance;
      void agent.reportNow().catch(() => undefined);
      return actionSuccess({ settings: { ...settings } }, { message: 'Settings updated.' });
    },
  });

  agent.action({
    name: 'slow-task',
    label: 'Slow task',
    category: 'diagnostics',
    timeoutSeconds: 300,
    description: 'Works for a while in one-second steps; cancel it from the console to see the handler stop.',
    inputSchema: { type: 'object', properties: { seconds: { type: 'integer', title: 'Seconds', default: 30 } } },
    handler: async (payload, ctx) => {
      const seconds =
        typeof payload['seconds'] === 'number' ? Math.min(Math.max(Math.trunc(payload['seconds']), 1), 280) : 30;
      for (let step = 1; step <= seconds; step += 1) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1_000);
          ctx.signal.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              resolve();
            },
            { once: true },
          );
        });
        if (ctx.signal.aborted) {
          ctx.log(`slow-task stopped after ${step - 1} of ${seconds} s.`);
          const reason: unknown = ctx.signal.reason;
          const code =
            reason instanceof Error && 'code' in reason && typeof reason.code === 'string' ? reason.code : 'ABORTED';
          return actionFailure(code, `Stopped after ${step - 1} of ${seconds} seconds.`, { completedSteps: step - 1 });
        }
      }
      return actionSuccess({ seconds }, { message: `Worked for ${seconds} seconds.` });
    },
  });

  return agent;
}
