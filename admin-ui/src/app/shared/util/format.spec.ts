import { formatBytes, formatDuration, getPath, relativeTime, shortId } from './format';
import { envSnippet } from '../../features/registration-tokens/registration-tokens.page';
import { commandQuery } from '../../features/commands/commands-list.page';
import { canRetry } from '../../features/commands/command-rules';
import { safeReturnUrl } from '../../features/login/login.page';

describe('format helpers', () => {
  it('shortens long ids as first8...last6', () => {
    expect(shortId('cmd_01JABCDEFGHJKMNPQRSTVWXYZ')).toBe('cmd_01JA...TVWXYZ');
    expect(shortId('agt_short')).toBe('agt_short');
    expect(shortId(null)).toBe('-');
  });

  it('formats durations and bytes', () => {
    expect(formatDuration(500)).toBe('500ms');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(66_000)).toBe('1.1m');
    expect(formatDuration(7_200_000)).toBe('2h');
    expect(formatDuration(null)).toBe('-');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });

  it('computes relative times and reads dot paths', () => {
    const now = Date.parse('2026-01-01T00:10:00Z');
    expect(relativeTime('2026-01-01T00:09:30Z', now)).toEqual({
      amount: 30,
      unit: 's',
      past: true,
    });
    expect(relativeTime('2026-01-01T02:10:00Z', now)).toEqual({
      amount: 2,
      unit: 'h',
      past: false,
    });
    expect(getPath({ a: { b: [1] } }, 'a.b')).toEqual([1]);
  });
});

describe('page helpers', () => {
  it('builds the agent env snippet', () => {
    expect(envSnippet('http://ops:8080', 'opstage_reg_x')).toBe(
      'OPSTAGE_BACKEND_URL=http://ops:8080\nOPSTAGE_REGISTRATION_TOKEN=opstage_reg_x',
    );
  });

  it('defaults the command list to executed actions', () => {
    expect(commandQuery({})).toEqual({ type: 'ACTION_EXECUTE' });
    expect(commandQuery({ type: 'all', status: 'FAILED' })).toEqual({
      type: undefined,
      status: 'FAILED',
    });
  });

  it('never offers retry for prepare commands', () => {
    expect(canRetry({ type: 'ACTION_PREPARE', status: 'FAILED' })).toBe(false);
    expect(canRetry({ type: 'ACTION_EXECUTE', status: 'CANCELLED' })).toBe(true);
    expect(canRetry({ type: 'ACTION_EXECUTE', status: 'SUCCEEDED' })).toBe(false);
  });

  it('accepts only in-app return URLs', () => {
    expect(safeReturnUrl('/commands?status=FAILED')).toBe('/commands?status=FAILED');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl('/login?returnUrl=/x')).toBe('/');
    expect(safeReturnUrl(null)).toBe('/');
  });
});
