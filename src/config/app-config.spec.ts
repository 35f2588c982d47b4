import { ConfigError, EXAMPLE_ADMIN_PASSWORD, EXAMPLE_SESSION_SECRET, loadConfig } from './app-config';

const SECRET = 'x'.repeat(40);

function errorsOf(env: Record<string, string>): Record<string, string[]> {
  try {
    loadConfig(env, { cwd: '/srv/opstage' });
  } catch (error) {
    if (error instanceof ConfigError) return error.errors;
    throw error;
  }
  throw new Error('expected ConfigError');
}

describe('loadConfig', () => {
  it('applies the reference defaults and resolves paths against the working directory', () => {
    const sut = loadConfig({ OPSTAGE_SESSION_SECRET: SECRET }, { cwd: '/srv/opstage', packageVersion: '1.2.3' });
    expect(sut.port).toBe(8080);
    expect(sut.host).toBe('0.0.0.0');
    expect(sut.databasePath).toBe('/srv/opstage/data/opstage.db');
    expect(sut.backupDir).toBe('/srv/opstage/data/backups');
    expect(sut.sessionTtlSeconds).toBe(28800);
    expect(sut.commandTtlSeconds).toBe(300);
    expect(sut.serviceStaleThresholdSeconds).toBe(120);
    expect(sut.cookieSecure).toBe('auto');
    expect(sut.busEnabled).toBe(false);
    expect(sut.version).toBe('1.2.3');
    expect(Object.isFrozen(sut)).toBe(true);
  });

  it('reports a missing secret with the exact message of the reference', () => {
    expect(() => loadConfig({}, { cwd: '/' })).toThrow(
      'Invalid environment: {"OPSTAGE_SESSION_SECRET":["OPSTAGE_SESSION_SECRET is required (>=32 chars)"]}',
    );
  });

  it('reports a short secret', () => {
    expect(errorsOf({ OPSTAGE_SESSION_SECRET: 'short' })).toEqual({
      OPSTAGE_SESSION_SECRET: ['OPSTAGE_SESSION_SECRET must be at least 32 chars'],
    });
  });

  it.each([
    ['OPSTAGE_PORT', '', 'Number must be greater than 0'],
    ['OPSTAGE_PORT', 'abc', 'Expected number, received nan'],
    ['OPSTAGE_PORT', '70000', 'Number must be less than or equal to 65535'],
    ['OPSTAGE_SESSION_TTL_SECONDS', '0', 'Number must be greater than 0'],
    ['OPSTAGE_AUDIT_RETENTION_DAYS', '-1', 'Number must be greater than or equal to 0'],
    ['OPSTAGE_MAINTENANCE_INTERVAL_SECONDS', '1.5', 'Expected integer, received float'],
    ['OPSTAGE_ADMIN_PASSWORD', 'short', 'String must contain at least 12 character(s)'],
    ['OPSTAGE_COOKIE_SECURE', 'maybe', "Expected 'auto' | 'true' | 'false'"],
    ['OPSTAGE_LOG_LEVEL', 'loud', "Expected 'error' | 'warn' | 'info' | 'debug'"],
    ['OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS', '2', 'Number must be greater than or equal to 5'],
    ['OPSTAGE_CAPSULE_BUS_MAX_DEPTH', '0', 'Number must be greater than or equal to 1'],
    ['OPSTAGE_PUBLIC_BASE_URL', 'not a url', 'Expected an absolute http(s) URL'],
    [
      'OPSTAGE_TRUST_PROXY',
      'maybe; drop',
      "Expected 'false', 'true', a hop count, 'loopback' or a comma-separated list of proxy addresses/CIDRs",
    ],
  ])('rejects %s=%p', (key, value, message) => {
    expect(errorsOf({ OPSTAGE_SESSION_SECRET: SECRET, [key]: value })).toEqual({ [key]: [message] });
  });

  it('lists every invalid variable at once', () => {
    const errors = errorsOf({ OPSTAGE_PORT: 'abc', OPSTAGE_ADMIN_PASSWORD: 'short', OPSTAGE_BACKUP_KEEP: '0' });
    expect(Object.keys(errors).sort()).toEqual([
      'OPSTAGE_ADMIN_PASSWORD',
      'OPSTAGE_BACKUP_KEEP',
      'OPSTAGE_PORT',
      'OPSTAGE_SESSION_SECRET',
    ]);
  });

  it('parses booleans like the reference (1/true/yes/on) and ignores unknown variables', () => {
    expect(
      loadConfig({ OPSTAGE_SESSION_SECRET: SECRET, OPSTAGE_CAPSULE_BUS_ENABLED: ' YES ', UNRELATED: 'x' }).busEnabled,
    ).toBe(true);
    expect(loadConfig({ OPSTAGE_SESSION_SECRET: SECRET, OPSTAGE_METRICS_ENABLED: 'nope' }).metricsEnabled).toBe(false);
  });

  it('parses OPSTAGE_TRUST_PROXY', () => {
    expect(loadConfig({ OPSTAGE_SESSION_SECRET: SECRET }).trustProxy).toBe(false);
    expect(loadConfig({ OPSTAGE_SESSION_SECRET: SECRET, OPSTAGE_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(
      loadConfig({ OPSTAGE_SESSION_SECRET: SECRET, OPSTAGE_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy,
    ).toBe('10.0.0.0/8, 127.0.0.1');
  });

  it('honours DATABASE_URL with file: and :memory:', () => {
    expect(
      loadConfig({ OPSTAGE_SESSION_SECRET: SECRET, DATABASE_URL: 'file:./db/x.db' }, { cwd: '/a' }).databasePath,
    ).toBe('/a/db/x.db');
    expect(loadConfig({ OPSTAGE_SESSION_SECRET: SECRET, DATABASE_URL: 'file::memory:' }).databasePath).toBe(':memory:');
  });

  it('refuses the .env.example placeholders in production only', () => {
    const env = { OPSTAGE_SESSION_SECRET: EXAMPLE_SESSION_SECRET, OPSTAGE_ADMIN_PASSWORD: EXAMPLE_ADMIN_PASSWORD };
    expect(errorsOf({ ...env, NODE_ENV: 'production' })).toEqual({
      OPSTAGE_SESSION_SECRET: ['OPSTAGE_SESSION_SECRET must not be the .env.example placeholder in production'],
      OPSTAGE_ADMIN_PASSWORD: ['OPSTAGE_ADMIN_PASSWORD must not be the .env.example placeholder in production'],
    });
    expect(loadConfig({ ...env, NODE_ENV: 'development' }).sessionSecret).toBe(EXAMPLE_SESSION_SECRET);
  });
});
