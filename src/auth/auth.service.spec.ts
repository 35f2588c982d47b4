import type { AuditService } from '../audit/audit.service';
import { RequestContext } from '../common/context/request-context';
import type { PasswordHasher } from '../common/crypto/password-hasher';
import { DomainError } from '../common/errors/domain-error';
import { FixedClock } from '../common/time/clock';
import type { TransactionRunner } from '../database/transaction-runner';
import type { UserEntity } from '../users/user.entity';
import type { UsersRepository } from '../users/users.repository';
import { AuthService, INVALID_LOGIN_MESSAGE } from './auth.service';
import type { LoginThrottle } from './login-throttle';
import type { SessionsService } from './sessions.service';

const user = (status: UserEntity['status']): UserEntity => ({
  id: 'usr_1',
  workspaceId: 'wks_default',
  username: 'alice',
  usernameKey: 'alice',
  passwordHash: 'hash',
  displayName: null,
  role: 'viewer',
  status,
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('AuthService.verifyCredentials', () => {
  const clock = new FixedClock();
  const ctx = new RequestContext('req_1', { kind: 'anonymous', id: null }, '10.0.0.9', 'jest', clock.now());
  let found: UserEntity | null;
  let hasher: { verify: jest.Mock; verifyDummy: jest.Mock };
  let audit: { recordNow: jest.Mock };
  let throttle: { reserve: jest.Mock; succeeded: jest.Mock };
  let sut: AuthService;

  beforeEach(() => {
    found = null;
    hasher = {
      verify: jest.fn((_h: string, pw: string) => Promise.resolve(pw === 'right-password')),
      verifyDummy: jest.fn(() => Promise.resolve(false)),
    };
    audit = { recordNow: jest.fn(() => Promise.resolve()) };
    const users = { findByUsername: jest.fn(() => Promise.resolve(found)) } as unknown as UsersRepository;
    throttle = {
      reserve: jest.fn(() => Promise.resolve({ userKey: 'u', ipKey: 'ip' })),
      succeeded: jest.fn(() => Promise.resolve()),
    };
    sut = new AuthService(
      {} as TransactionRunner,
      users,
      {} as SessionsService,
      audit as unknown as AuditService,
      hasher as unknown as PasswordHasher,
      throttle as unknown as LoginThrottle,
    );
  });

  async function failure(username: string, password: string): Promise<DomainError> {
    try {
      await sut.verifyCredentials(ctx, username, password);
    } catch (e) {
      if (e instanceof DomainError) return e;
      throw e;
    }
    throw new Error('expected a failure');
  }

  it('spends a dummy verification on unknown usernames and answers like a wrong password', async () => {
    const e = await failure('ghost', 'whatever');
    expect(hasher.verifyDummy).toHaveBeenCalledWith('whatever');
    expect(hasher.verify).not.toHaveBeenCalled();
    expect(e).toMatchObject({ code: 'UNAUTHORIZED', status: 401, message: INVALID_LOGIN_MESSAGE });
    expect(audit.recordNow).toHaveBeenCalledWith(
      ctx,
      expect.objectContaining({
        action: 'session.login.failed',
        result: 'FAILURE',
        metadata: { userKnown: false },
        actor: { type: 'USER', id: null },
      }),
    );
  });

  it('verifies the real hash for disabled users too, then refuses them the same way', async () => {
    found = user('DISABLED');
    const e = await failure('alice', 'right-password');
    expect(hasher.verify).toHaveBeenCalledWith('hash', 'right-password');
    expect(e.message).toBe(INVALID_LOGIN_MESSAGE);
  });

  it('returns the ACTIVE user on the right password without auditing a failure', async () => {
    found = user('ACTIVE');
    await expect(sut.verifyCredentials(ctx, 'alice', 'right-password')).resolves.toBe(found);
    expect(audit.recordNow).not.toHaveBeenCalled();
  });

  it('takes the throttle slot before touching the hasher; a refusal never reaches it', async () => {
    found = user('ACTIVE');
    throttle.reserve.mockImplementationOnce(() =>
      Promise.reject(new DomainError('RATE_LIMITED', 'slow down', undefined, 429)),
    );
    const e = await failure('alice', 'right-password');
    expect(e).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(hasher.verify).not.toHaveBeenCalled();
    expect(throttle.reserve).toHaveBeenCalledWith('alice', '10.0.0.9');
  });

  it('gives the slot back after the right password only', async () => {
    found = user('ACTIVE');
    await failure('alice', 'wrong');
    expect(throttle.succeeded).not.toHaveBeenCalled();
    await sut.verifyCredentials(ctx, 'alice', 'right-password');
    expect(throttle.succeeded).toHaveBeenCalledWith({ userKey: 'u', ipKey: 'ip' });
  });
});
