import { canonicalJson, normalizeConfig, normalizeHealth } from './report-normalizer';

describe('report normalizer', () => {
  it('never keeps values of sensitive configs but keeps the secretRef', () => {
    expect(
      normalizeConfig({
        key: 'k',
        type: 'secret',
        sensitive: true,
        valuePreview: 'v',
        defaultValue: 'd',
        secretRef: 'env:K',
      }),
    ).toMatchObject({
      sensitive: true,
      valuePreview: null,
      defaultValue: null,
      secretRef: 'env:K',
    });
    expect(normalizeConfig({ key: 'k', type: 'string', valuePreview: 'v' })).toMatchObject({
      sensitive: false,
      valuePreview: 'v',
      editable: false,
    });
  });

  it('treats a secret-looking key as sensitive whatever flag the agent sent', () => {
    for (const key of ['DB_PASSWORD', 'apiToken', 'STRIPE_SECRET', 'sessionId']) {
      expect(
        normalizeConfig({ key, type: 'string', sensitive: false, valuePreview: 'hunter2', defaultValue: 'x' }),
      ).toMatchObject({ key, sensitive: true, valuePreview: null, defaultValue: null });
    }
    expect(normalizeConfig({ key: 'TOKEN_TTL_SECONDS', type: 'number', valuePreview: '60' })).toMatchObject({
      sensitive: false,
      valuePreview: '60',
    });
  });

  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });

  it('redacts health details by key and masks tokens in the message', () => {
    const h = normalizeHealth({
      status: 'UP',
      message: 'using opstage_agent_abcdefghijklmnop',
      details: { password: 'x', n: 1 },
    });
    expect(h.details).toEqual({ password: '[REDACTED]', n: 1 });
    expect(h.message).toBe('using opstage_agent_[REDACTED]');
  });
});
