import type { Request } from 'express';
import { cookieIsSecure, requestIsHttps } from './session-cookie';

describe('cookieIsSecure', () => {
  it.each([
    ['auto', 'production', true],
    ['auto', undefined, true],
    ['auto', 'staging', true],
    ['auto', 'development', false],
    ['auto', 'test', false],
    ['true', 'test', true],
    ['false', 'production', false],
  ] as const)('OPSTAGE_COOKIE_SECURE=%s NODE_ENV=%s → %s', (cookieSecure, nodeEnv, expected) => {
    expect(cookieIsSecure({ cookieSecure, nodeEnv })).toBe(expected);
  });
});

describe('requestIsHttps', () => {
  const req = (secure: boolean, proto?: string): Request =>
    ({ secure, header: (name: string) => (name === 'x-forwarded-proto' ? proto : undefined) }) as unknown as Request;

  it('trusts a direct TLS connection or a proxy that reports https', () => {
    expect(requestIsHttps(req(true))).toBe(true);
    expect(requestIsHttps(req(false, 'https'))).toBe(true);
    expect(requestIsHttps(req(false, 'HTTPS, http'))).toBe(true);
    expect(requestIsHttps(req(false, 'http'))).toBe(false);
    expect(requestIsHttps(req(false))).toBe(false);
  });
});
