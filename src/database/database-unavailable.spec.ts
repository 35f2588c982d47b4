import { QueryFailedError } from 'typeorm';
import { databaseUnavailableError, isDatabaseUnavailable, unavailableCode } from './database-unavailable';

const withCode = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('unavailableCode', () => {
  it('classifies connection-class SQLSTATEs, shutdowns, timeouts and socket errors', () => {
    for (const code of ['08006', '08001', '08P01', '57P01', '57P02', '57P03', '53300', '57014'])
      expect(unavailableCode(withCode(code))).toBe(code);
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND'])
      expect(unavailableCode(withCode(code))).toBe(code);
  });

  it('recognises the pg messages that carry no code', () => {
    expect(unavailableCode(new Error('Connection terminated unexpectedly'))).toBe('CONNECTION_LOST');
    expect(unavailableCode(new Error('timeout exceeded when trying to connect'))).toBe('CONNECTION_LOST');
  });

  it('looks through TypeORM wrappers, causes and AggregateError', () => {
    const wrapped = new QueryFailedError('SELECT 1', [], withCode('57P01', 'terminating connection'));
    expect(unavailableCode(wrapped)).toBe('57P01');
    expect(unavailableCode(new Error('outer', { cause: withCode('ECONNREFUSED') }))).toBe('ECONNREFUSED');
    expect(unavailableCode(new AggregateError([new Error('a'), withCode('ECONNREFUSED')]))).toBe('ECONNREFUSED');
  });

  it('leaves query errors, constraint violations and SQLite codes alone', () => {
    for (const code of ['23505', '42P01', '22P02', '40001', 'SQLITE_BUSY', 'SQLITE_FULL', '0800'])
      expect(isDatabaseUnavailable(withCode(code))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Connection terminated? no, a query said so: syntax error'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });

  it('renders as 503 DATABASE_UNAVAILABLE with Retry-After', () => {
    const error = databaseUnavailableError();
    expect(error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503, headers: { 'Retry-After': '5' } });
  });
});
