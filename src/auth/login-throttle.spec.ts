import { DomainError } from '../common/errors/domain-error';
import { FixedClock } from '../common/time/clock';
import { LOGIN_WINDOW_MS, LoginThrottle } from './login-throttle';

function retryAfter(fn: () => void): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError && e.code === 'RATE_LIMITED' && e.status === 429) return e.headers?.['Retry-After'];
    throw e;
  }
  return undefined;
}

describe('LoginThrottle', () => {
  let clock: FixedClock;
  let sut: LoginThrottle;

  beforeEach(() => {
    clock = new FixedClock('2026-01-01T00:00:00.000Z');
    sut = new LoginThrottle(clock);
  });

  it('allows four failures and blocks after the fifth for that username and address', () => {
    for (let i = 0; i < 4; i += 1) sut.recordFailure('alice', '10.0.0.1');
    expect(retryAfter(() => sut.assertAllowed('alice', '10.0.0.1'))).toBeUndefined();
    sut.recordFailure('alice', '10.0.0.1');
    expect(retryAfter(() => sut.assertAllowed('alice', '10.0.0.1'))).toBe(String(LOGIN_WINDOW_MS / 1000));
    expect(retryAfter(() => sut.assertAllowed('ALICE', '10.0.0.1'))).toBeDefined();
    expect(retryAfter(() => sut.assertAllowed('alice', '10.0.0.2'))).toBeUndefined();
    expect(retryAfter(() => sut.assertAllowed('bob', '10.0.0.1'))).toBeUndefined();
  });

  it('slides: the block lifts when the oldest counted failure leaves the window', () => {
    sut.recordFailure('alice', 'ip');
    clock.advance(60_000);
    for (let i = 0; i < 4; i += 1) sut.recordFailure('alice', 'ip');
    expect(retryAfter(() => sut.assertAllowed('alice', 'ip'))).toBe(String(LOGIN_WINDOW_MS / 1000 - 60));
    clock.advance(LOGIN_WINDOW_MS - 60_000);
    expect(retryAfter(() => sut.assertAllowed('alice', 'ip'))).toBeUndefined();
  });

  it('blocks an address after 20 failures across usernames', () => {
    for (let i = 0; i < 20; i += 1) sut.recordFailure(`user${i}`, 'ip');
    expect(retryAfter(() => sut.assertAllowed('fresh-user', 'ip'))).toBeDefined();
    expect(retryAfter(() => sut.assertAllowed('fresh-user', 'other-ip'))).toBeUndefined();
  });

  it('success clears only that username and address', () => {
    for (let i = 0; i < 5; i += 1) sut.recordFailure('alice', 'ip');
    sut.recordSuccess('Alice', 'ip');
    expect(retryAfter(() => sut.assertAllowed('alice', 'ip'))).toBeUndefined();
    for (let i = 0; i < 15; i += 1) sut.recordFailure(`u${i}`, 'ip');
    // The address budget still counts the five failures that the success did not clear.
    expect(retryAfter(() => sut.assertAllowed('zed', 'ip'))).toBeDefined();
  });
});
