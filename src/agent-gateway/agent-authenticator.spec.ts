import { bearerToken } from './agent-authenticator';

describe('bearerToken', () => {
  it('strips a case-insensitive Bearer prefix and accepts a bare token (as the reference)', () => {
    expect(bearerToken('Bearer opstage_agent_abc')).toBe('opstage_agent_abc');
    expect(bearerToken('bearer   opstage_agent_abc')).toBe('opstage_agent_abc');
    expect(bearerToken('opstage_agent_abc')).toBe('opstage_agent_abc');
  });

  it('treats missing, empty and malformed headers as no token', () => {
    for (const h of [undefined, '', '   ', 'Bearer', 'Bearer   ', 'Basic a b', 'Bearer a b'])
      expect(bearerToken(h)).toBeNull();
  });
});
