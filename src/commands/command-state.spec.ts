import { durationMs, effectiveCommandStatus, failureReason, isTerminal, retryVerdict } from './command-state';
import { hasRedactedParts, splitPayload, splitResultData } from './sealed-values';

describe('command state rules', () => {
  const now = '2030-01-01T00:00:10.000Z';

  it('knows terminal states', () => {
    expect(['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'].every((s) => isTerminal(s as never))).toBe(true);
    expect(isTerminal('PENDING')).toBe(false);
    expect(isTerminal('RUNNING')).toBe(false);
  });

  it('shows open commands past their deadline as EXPIRED', () => {
    expect(effectiveCommandStatus({ status: 'PENDING', expiresAt: '2030-01-01T00:00:09.999Z' }, now)).toBe('EXPIRED');
    expect(effectiveCommandStatus({ status: 'RUNNING', expiresAt: '2030-01-01T00:00:09.000Z' }, now)).toBe('EXPIRED');
    expect(effectiveCommandStatus({ status: 'PENDING', expiresAt: now }, now)).toBe('PENDING');
    expect(effectiveCommandStatus({ status: 'PENDING', expiresAt: null }, now)).toBe('PENDING');
    expect(effectiveCommandStatus({ status: 'SUCCEEDED', expiresAt: '2000-01-01T00:00:00.000Z' }, now)).toBe(
      'SUCCEEDED',
    );
  });

  it('retries only ACTION_EXECUTE in FAILED/EXPIRED/CANCELLED', () => {
    expect(retryVerdict('ACTION_EXECUTE', 'FAILED').ok).toBe(true);
    expect(retryVerdict('ACTION_EXECUTE', 'EXPIRED').ok).toBe(true);
    expect(retryVerdict('ACTION_EXECUTE', 'CANCELLED').ok).toBe(true);
    expect(retryVerdict('ACTION_EXECUTE', 'SUCCEEDED').ok).toBe(false);
    expect(retryVerdict('ACTION_EXECUTE', 'RUNNING').ok).toBe(false);
    expect(retryVerdict('ACTION_PREPARE', 'FAILED')).toEqual({
      ok: false,
      message: 'Only ACTION_EXECUTE commands can be retried.',
    });
  });

  it('computes durations and failure reasons like the reference', () => {
    expect(durationMs('2030-01-01T00:00:00.000Z', '2030-01-01T00:00:01.500Z')).toBe(1500);
    expect(durationMs('2030-01-01T00:00:02.000Z', '2030-01-01T00:00:01.000Z')).toBe(0);
    expect(durationMs(null, now)).toBeNull();
    expect(failureReason('top', { code: 'X', message: 'inner' })).toEqual({ errorCode: 'X', errorMessage: 'inner' });
    expect(failureReason('top', { code: 42 })).toEqual({ errorCode: 'ACTION_FAILED', errorMessage: 'top' });
    expect(failureReason(undefined, undefined)).toEqual({ errorCode: 'ACTION_FAILED', errorMessage: null });
    expect(failureReason(undefined, { code: 'C'.repeat(100) }).errorCode).toHaveLength(80);
  });
});

describe('sealed values', () => {
  it('splits secret payload fields from the readable copy', () => {
    const { readable, secret } = splitPayload({ user: 'bob', password: 'pw', nested: { apiKey: 'k' } });
    expect(readable).toEqual({ user: 'bob', password: '[REDACTED]', nested: { apiKey: '[REDACTED]' } });
    expect(secret).toEqual({ user: 'bob', password: 'pw', nested: { apiKey: 'k' } });
    expect(splitPayload({ count: 1 }).secret).toBeNull();
    expect(hasRedactedParts(readable)).toBe(true);
    expect(hasRedactedParts({ a: [1, 'x'] })).toBe(false);
  });

  it('seals generatedKey and declared oneTimeFields', () => {
    const { readable, oneTime } = splitResultData({
      generatedKey: 'k',
      pin: 1234,
      oneTimeFields: ['pin', 'absent'],
      keep: 'v',
    });
    expect(oneTime).toEqual({ generatedKey: 'k', pin: 1234 });
    expect(readable).toEqual({
      generatedKey: '[REDACTED]',
      pin: '[REDACTED]',
      oneTimeFields: ['pin', 'absent'],
      keep: 'v',
    });
    expect(splitResultData({ generatedKey: '' }).oneTime).toBeNull();
  });
});
