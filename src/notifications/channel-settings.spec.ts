import { checkSettings, MASK, maskedSettings, splitSecrets } from './channel-settings';

describe('channel settings', () => {
  it('accepts each type and refuses unknown fields with settings.<field> paths', () => {
    expect(checkSettings('slack', { webhookUrl: 'https://hooks.slack.com/x' })).toEqual({
      ok: true,
      settings: { webhookUrl: 'https://hooks.slack.com/x' },
    });
    expect(checkSettings('teams', { webhookUrl: 'https://x', color: 'red' })).toEqual({
      ok: false,
      issues: [{ path: 'settings.color', message: 'property color should not exist' }],
    });
    const email = checkSettings('email', {
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      username: 'u',
      password: 'p',
      from: 'opstage@example.com',
      to: ['a@example.com'],
    });
    expect(email.ok).toBe(true);
  });

  it('requires a long enough webhook secret', () => {
    const res = checkSettings('webhook', { url: 'https://x', secret: 'short' });
    expect(res).toEqual({ ok: false, issues: [{ path: 'settings.secret', message: expect.any(String) }] });
  });

  it('replaces a masked secret with the stored value', () => {
    const res = checkSettings(
      'discord',
      { webhookUrl: MASK },
      { webhookUrl: 'https://discord.com/api/webhooks/1/abc' },
    );
    expect(res).toEqual({ ok: true, settings: { webhookUrl: 'https://discord.com/api/webhooks/1/abc' } });
    // Nothing stored: the mask is not a value.
    expect(checkSettings('discord', { webhookUrl: MASK }).ok).toBe(false);
  });

  it('splits the secret fields out and masks only the ones that are set', () => {
    expect(splitSecrets('webhook', { url: 'https://x', secret: 's'.repeat(20) })).toEqual({
      readable: { url: 'https://x' },
      secrets: { secret: 's'.repeat(20) },
    });
    expect(splitSecrets('webhook', { url: 'https://x' })).toEqual({ readable: { url: 'https://x' }, secrets: null });
    expect(maskedSettings('email', { host: 'h' }, ['password'])).toEqual({ host: 'h', password: MASK });
    expect(maskedSettings('email', { host: 'h' }, [])).toEqual({ host: 'h' });
  });
});

describe('outbound targets', () => {
  it('refuses link-local and cloud-metadata targets unless private targets are allowed', () => {
    expect(checkSettings('slack', { webhookUrl: 'http://169.254.169.254/latest' })).toEqual({
      ok: false,
      issues: [{ path: 'settings.webhookUrl', message: expect.stringContaining('a link-local address') }],
    });
    expect(checkSettings('webhook', { url: 'http://metadata.google.internal/x' }).ok).toBe(false);
    const mail = { host: '169.254.169.254', port: 25, secure: false, from: 'a@example.com', to: ['b@example.com'] };
    expect(checkSettings('email', mail)).toEqual({
      ok: false,
      issues: [{ path: 'settings.host', message: expect.stringContaining('link-local') }],
    });
    expect(checkSettings('slack', { webhookUrl: 'http://169.254.169.254/latest' }, {}, true).ok).toBe(true);
    // Loopback and LAN stay allowed: self-hosted chat servers live there.
    expect(checkSettings('webhook', { url: 'http://127.0.0.1:9000/hook' }).ok).toBe(true);
    expect(checkSettings('webhook', { url: 'http://10.0.0.5/hook' }).ok).toBe(true);
  });
});
