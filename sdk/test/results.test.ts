import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  actionFailure,
  actionSuccess,
  redactText,
  redactValue,
  REDACTED,
  resultAction,
  resultDetail,
  resultTable,
  rowRef,
  withOneTimeFields,
} from '../src/index.js';
import { errorToResultBody, schemaDefaults, toPrepareBody, toResultBody } from '../src/results.js';
import { sanitizeConfigs, sanitizeHealth, runHealthProvider } from '../src/catalog.js';
import { AgentLogger } from '../src/logging.js';

describe('result builders', () => {
  it('builds a table with row actions, a detail view, and one-time fields', () => {
    const accounts = [{ id: 'acc_1', email: 'a@example.com', enabled: true }];
    const list = resultTable({
      title: 'Accounts',
      data: accounts,
      columns: [
        { key: 'id', label: 'ID', format: 'code', copyable: true },
        { key: 'enabled', format: 'boolean' },
      ],
      rowActions: [resultAction('Rotate', 'rotate-credentials', { accountId: rowRef('id') }, { danger: true })],
    });
    assert.deepEqual(list.rowActions, [
      { label: 'Rotate', action: 'rotate-credentials', payload: { accountId: '$row.id' }, danger: true },
    ]);
    const detail = resultDetail({ title: 'Account', data: { id: 'acc_1' }, fields: [{ key: 'id' }] });
    const result = actionSuccess(
      { accounts, list, detail, generatedKey: 'k_123' },
      { message: 'ok', oneTimeFields: ['generatedKey'] },
    );
    assert.equal(result.success, true);
    assert.equal(result.message, 'ok');
    assert.deepEqual(result.data?.oneTimeFields, ['generatedKey']);
    assert.equal(result.data?.list?.data.length, 1);
    assert.deepEqual(withOneTimeFields({ oneTimeFields: ['a'], a: 1, b: 2 }, 'b', 'a').oneTimeFields, ['a', 'b']);
    assert.deepEqual(actionFailure('NOPE', 'no'), {
      success: false,
      message: 'no',
      error: { code: 'NOPE', message: 'no' },
    });
  });

  it('normalises handler return values into result bodies', () => {
    assert.deepEqual(toResultBody(undefined), { success: true });
    assert.deepEqual(toResultBody({ rows: 2 }), { success: true, data: { rows: 2 } });
    assert.deepEqual(toResultBody({ success: true, data: { a: 1 }, message: 'm' }), {
      success: true,
      message: 'm',
      data: { a: 1 },
    });
    assert.deepEqual(
      toResultBody({ success: true, other: 1 }),
      { success: true, data: { success: true, other: 1 } },
      'not a result shape: treated as data',
    );
    assert.deepEqual(toResultBody({ success: false }), {
      success: false,
      error: { code: 'ACTION_FAILED', message: 'Action failed.' },
    });
    assert.deepEqual(toPrepareBody({ initialPayload: { a: 1 }, action: { label: 'L' } }), {
      success: true,
      data: { action: { label: 'L' }, initialPayload: { a: 1 } },
    });
    assert.deepEqual(
      schemaDefaults({
        properties: { a: { type: 'array' }, o: { type: 'object' }, n: { type: 'number', default: 5 } },
      }),
      { a: [], o: {}, n: 5 },
    );
    const thrown = errorToResultBody(
      Object.assign(new Error('bad token opstage_reg_abc'), { code: 'X_FAILED', details: { password: 'p', n: 1 } }),
      'ACTION_FAILED',
    );
    assert.deepEqual(thrown.error, {
      code: 'X_FAILED',
      message: 'bad token opstage_reg_***',
      details: { password: REDACTED, n: 1 },
    });
  });
});

describe('redaction, health and configs', () => {
  it('redacts tokens and sensitive keys but keeps look-alike keys', () => {
    assert.equal(
      redactText('Authorization: Bearer abc.def and opstage_agent_XYZ'),
      'Authorization: Bearer *** and opstage_agent_***',
    );
    assert.deepEqual(redactValue({ apiKey: 'k', agent_token: 't', tokenCount: 3, nested: [{ password: 'p' }] }), {
      apiKey: REDACTED,
      agent_token: REDACTED,
      tokenCount: 3,
      nested: [{ password: REDACTED }],
    });
  });

  it('health provider failures and invalid reports become UNKNOWN', async () => {
    assert.deepEqual(sanitizeHealth({ status: 'UP', details: { secret: 's', ok: true } }), {
      status: 'UP',
      details: { secret: REDACTED, ok: true },
    });
    assert.equal(sanitizeHealth({ status: 'HEALTHY' }).status, 'UNKNOWN');
    const failed = await runHealthProvider(() => {
      throw new Error('db down');
    }, 100);
    assert.deepEqual(failed.report, { status: 'UNKNOWN', message: 'Health provider failed.' });
    const slow = await runHealthProvider(() => new Promise(() => undefined), 20);
    assert.equal(slow.report.status, 'UNKNOWN');
    assert.deepEqual((await runHealthProvider(undefined, 10)).report.status, 'UNKNOWN');
  });

  it('config values of sensitive items never leave the process', () => {
    const items = sanitizeConfigs([
      { key: 'demo.message', type: 'string', currentValue: 'hello', source: 'env' },
      { key: 'demo.limit', type: 'number', currentValue: 5 },
      {
        key: 'demo.secret',
        type: 'secret',
        sensitive: true,
        currentValue: 'hunter2',
        valuePreview: 'hunter2',
        defaultValue: 'x',
        secretRef: 'env:DEMO_SECRET',
      },
    ]);
    assert.deepEqual(items, [
      { key: 'demo.message', type: 'string', source: 'env', sensitive: false, valuePreview: 'hello' },
      { key: 'demo.limit', type: 'number', sensitive: false, valuePreview: '5' },
      { key: 'demo.secret', type: 'secret', secretRef: 'env:DEMO_SECRET', sensitive: true },
    ]);
    assert.throws(() => sanitizeConfigs('nope'), TypeError);
  });
});

describe('logger sinks', () => {
  it('filters by level, redacts, passes meta to a console-shaped logger, and survives a throwing sink', () => {
    const calls: Array<[string, string, Record<string, unknown> | undefined]> = [];
    const logger = new AgentLogger({
      level: 'info',
      now: () => Date.parse('2025-01-01T00:00:00Z'),
      baseContext: () => ({ agentId: 'agt_1' }),
      logger: {
        info: (message, meta) => calls.push(['info', message, meta]),
        warn: () => {
          throw new Error('sink broken');
        },
      },
    });
    logger.debug('x.debug', 'hidden');
    logger.info('x.info', 'token opstage_agent_abcdef', { agentToken: 'opstage_agent_abcdef', count: 1 });
    logger.warn('x.warn', 'ignored by a broken sink');
    logger.error('x.error', 'no error sink');
    assert.deepEqual(calls, [
      ['info', 'token opstage_agent_***', { event: 'x.info', agentId: 'agt_1', agentToken: REDACTED, count: 1 }],
    ]);
  });
});
