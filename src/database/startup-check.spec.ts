import { loadConfig } from '../config/app-config';
import { checkDatabaseReachable, describeDatabaseFailure, StartupError } from './startup-check';

const URL_WITH_PASSWORD = 'postgres://opstage:Tr0ub4dor-and-3@db.internal:6543/opstage';
const withCode = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('describeDatabaseFailure', () => {
  it('names host, port and database with a hint, never the user info', () => {
    const line = describeDatabaseFailure(
      withCode('28P01', 'password authentication failed for user "opstage"'),
      URL_WITH_PASSWORD,
      10_000,
    );
    expect(line).toBe(
      'DATABASE_URL: cannot use PostgreSQL at db.internal:6543/opstage: the server refused the user name or password (28P01)',
    );
    expect(
      describeDatabaseFailure(withCode('ECONNREFUSED', 'connect ECONNREFUSED'), URL_WITH_PASSWORD, 10_000),
    ).toContain('connection refused');
    expect(
      describeDatabaseFailure(new Error('timeout exceeded when trying to connect'), URL_WITH_PASSWORD, 10_000),
    ).toContain('no answer within 10 s');
  });

  it('masks the password and the URL when it falls back to the driver text', () => {
    const line = describeDatabaseFailure(
      new Error(`odd failure for ${URL_WITH_PASSWORD}; password Tr0ub4dor-and-3\n    at stack frame`),
      URL_WITH_PASSWORD,
      10_000,
    );
    expect(line).not.toContain('Tr0ub4dor-and-3');
    expect(line).not.toContain('\n');
    expect(line).toContain('odd failure for DATABASE_URL');
  });

  it('does not echo an unparsable URL', () => {
    const line = describeDatabaseFailure(new Error('Invalid URL'), 'postgres://u:se:cret@[bad', 10_000);
    expect(line).toContain('(an unparsable URL)');
    expect(line).not.toContain('se:cret');
  });
});

describe('checkDatabaseReachable', () => {
  const env = { OPSTAGE_SESSION_SECRET: 'x'.repeat(40) };

  it('does nothing on SQLite', async () => {
    await expect(
      checkDatabaseReachable(loadConfig({ ...env, OPSTAGE_DATA_DIR: '/tmp/unused' })),
    ).resolves.toBeUndefined();
  });

  it('fails with one safe line when nothing listens at the URL', async () => {
    // Port 1 on loopback: nothing listens there, the connect is refused at once.
    const config = loadConfig({ ...env, DATABASE_URL: 'postgres://opstage:Sekr1t-pw@127.0.0.1:1/opstage' });
    const error: unknown = await checkDatabaseReachable(config, 2_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toBe(
      'DATABASE_URL: cannot use PostgreSQL at 127.0.0.1:1/opstage: connection refused (is it running, and on that port?)',
    );
  });
});
