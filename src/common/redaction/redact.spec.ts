import { REDACTED, redact, redactSchema, redactString, sensitivePaths } from './redact';

describe('redact', () => {
  it('redacts sensitive keys at any depth, including arrays', () => {
    const sut = redact({ a: { password: 'p', list: [{ apiKey: 'k' }, { privateKey: 'x' }] }, credential: { x: 1 } });
    expect(sut).toEqual({
      a: { password: REDACTED, list: [{ apiKey: REDACTED }, { privateKey: REDACTED }] },
      credential: REDACTED,
    });
  });

  it('keeps numeric metadata such as tokenCount and revokedTokens-like counters', () => {
    expect(redact({ tokenCount: 3, revokedTokens: 1, tokenExpiresAt: '2026-01-01', secretRef: 'vault:x' })).toEqual({
      tokenCount: 3,
      revokedTokens: 1,
      tokenExpiresAt: '2026-01-01',
      secretRef: 'vault:x',
    });
  });

  it('keeps timestamps about secrets but not the secrets', () => {
    expect(
      redact({ credentialsRotatedAt: '2026-01-01T00:00:00.000Z', password_changed_at: 'x', credentials: 'c' }),
    ).toEqual({
      credentialsRotatedAt: '2026-01-01T00:00:00.000Z',
      password_changed_at: 'x',
      credentials: REDACTED,
    });
  });

  it('masks whole token-looking values wherever they appear', () => {
    const raw = 'opstage_agent_abc_DEF-ghi_jkl012345';
    expect(redact({ note: `used ${raw} today` })).toEqual({ note: `used opstage_agent_${REDACTED} today` });
    expect(redactString('Authorization: Bearer abcdefghijklmnop')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(JSON.stringify(redact({ nested: [raw] }))).not.toContain('DEF-ghi');
  });

  it('masks the password in URL user info, keeping the user and host', () => {
    expect(redactString('connect to postgres://opstage:pa55-w0rd@db:5432/opstage failed')).toBe(
      `connect to postgres://opstage:${REDACTED}@db:5432/opstage failed`,
    );
    expect(redact({ note: 'postgresql://u:x@h/d' })).toEqual({ note: `postgresql://u:${REDACTED}@h/d` });
    expect(redactString('https://example.com/a@b and user@example.com')).toBe(
      'https://example.com/a@b and user@example.com',
    );
  });

  it('leaves ids, dates, numbers and booleans alone', () => {
    const input = { id: 'agt_01ABC', at: '2026-05-14T12:00:00.000Z', n: 5, ok: true, nothing: null };
    expect(redact(input)).toEqual(input);
  });

  it('hides a session id although it ends in "Id"; ids about a secret stay readable', () => {
    expect(
      redact({
        sessionId: 's3cr3t',
        session_id: 's3cr3t',
        SESSIONID: 's3cr3t',
        tokenId: 'tok_1',
        secretName: 'db',
        apiKeyId: 'key_1',
      }),
    ).toEqual({
      sessionId: REDACTED,
      session_id: REDACTED,
      SESSIONID: REDACTED,
      tokenId: 'tok_1',
      secretName: 'db',
      apiKeyId: 'key_1',
    });
  });

  it('lists the paths of sensitive fields', () => {
    expect(sensitivePaths({ user: 'a', password: 'x', db: { apiKey: 'k', host: 'h' } })).toEqual([
      'password',
      'db.apiKey',
    ]);
  });
});

describe('redactSchema', () => {
  it('keeps the structure of secret-named fields and drops only their sample values', () => {
    const schema = {
      type: 'object',
      'x-apiKey': 'annotation-secret',
      properties: {
        password: { type: 'string', minLength: 8, default: 'p4ssw0rd!', examples: ['p4ssw0rd!'] },
        credentials: { type: 'object', properties: { user: { type: 'string', default: 'root' } } },
        mode: { type: 'string', default: 'fast', enum: ['fast', 'slow'] },
        hint: { type: 'string', description: 'use opstage_agent_abcdefghijkl here' },
      },
      anyOf: [{ properties: { token: { type: 'string', example: 'tok-value' } } }],
    };
    expect(redactSchema(schema)).toEqual({
      type: 'object',
      'x-apiKey': REDACTED,
      properties: {
        password: { type: 'string', minLength: 8 },
        credentials: { type: 'object', properties: { user: { type: 'string' } } },
        mode: { type: 'string', default: 'fast', enum: ['fast', 'slow'] },
        hint: { type: 'string', description: `use opstage_agent_${REDACTED} here` },
      },
      anyOf: [{ properties: { token: { type: 'string' } } }],
    });
  });

  it('masks the defaults of an ordinary field by key, as redact does', () => {
    expect(redactSchema({ properties: { db: { type: 'object', default: { host: 'h', password: 'x' } } } })).toEqual({
      properties: { db: { type: 'object', default: { host: 'h', password: REDACTED } } },
    });
  });
});
