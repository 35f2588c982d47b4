import type { AgentView, ServiceView } from '../index';
import { notificationText, type NameLookups } from './notification-text';
import { DEFAULT_WEBHOOK_EVENTS, resolveWebhookOptions } from './webhook-notifier.options';
import { signature, WebhookSender } from './webhook-sender';
import { refusedAddress, refusedUrl } from '../index';

const base = { occurredAt: '2026-01-01T00:00:00.000Z', requestId: 'req_1' };
const names: NameLookups = {
  agent: (id) => Promise.resolve(id === 'agt_known' ? ({ code: 'edge-01', name: 'Edge one' } as AgentView) : null),
  service: (id) =>
    id === 'svc_known' ? Promise.resolve({ code: 'billing' } as ServiceView) : Promise.reject(new Error('db closed')),
};

describe('webhook targets (link-local and cloud metadata refused by default)', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.10.1/x',
    'http://[fe80::1]/hook',
    'http://[fd00:ec2::254]/',
    'http://100.100.100.200/latest',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://metadata.google.internal./x',
    'http://[::ffff:169.254.169.254]/',
    'http://0.0.0.0:8080/',
  ])('refuses %s at boot unless OPSTAGE_WEBHOOK_ALLOW_PRIVATE=true', (url) => {
    expect(refusedUrl(url)).not.toBeNull();
    expect(() => resolveWebhookOptions({ url })).toThrow(/OPSTAGE_WEBHOOK_ALLOW_PRIVATE=true/);
    expect(resolveWebhookOptions({ url, allowPrivate: true }).url).toBe(url);
  });

  it.each([
    'https://hooks.slack.com/services/x',
    'http://127.0.0.1:9000/hook',
    'http://10.0.0.5/hook',
    'http://[::1]:8080/',
    'http://chat.internal/hook',
  ])('allows %s', (url) => {
    expect(refusedUrl(url)).toBeNull();
  });

  it('checks the resolved address on every delivery, before any request', async () => {
    expect(refusedAddress('169.254.169.254')).toBe('a link-local address');
    const sender = new WebhookSender();
    const outcome = await sender.send({
      url: 'http://169.254.169.254/x',
      body: '{}',
      secret: undefined,
      event: 'e',
      deliveryId: 'd',
      timeoutMs: 50,
      signal: new AbortController().signal,
    });
    expect(outcome).toMatchObject({ ok: false, retryable: false, responseStatus: null });
    expect(outcome.error).toMatch(/^refused: a link-local address/);
  });
});

describe('webhook notifier options', () => {
  it('defaults to the operator events and sane retry settings', () => {
    const sut = resolveWebhookOptions({ url: 'https://hooks.example.com/x' });
    expect([...sut.events]).toEqual([...DEFAULT_WEBHOOK_EVENTS]);
    expect(sut).toMatchObject({ maxAttempts: 3, backoffMs: 500, timeoutMs: 5000, queueLimit: 1000, secret: undefined });
  });

  it('takes an explicit event list and refuses unknown names at boot, naming the extension', () => {
    expect([...resolveWebhookOptions({ url: undefined, events: ['command.completed'] }).events]).toEqual([
      'command.completed',
    ]);
    expect(() => resolveWebhookOptions({ url: undefined, events: ['agent.offline', 'agent.exploded'] })).toThrow(
      /^Extension "webhook-notifier": OPSTAGE_WEBHOOK_EVENTS has unknown event\(s\) agent\.exploded; choose from agent\.registered, /,
    );
    expect(() => resolveWebhookOptions({ url: 'ftp://x' })).toThrow(/must be an http\(s\) URL/);
    expect(() => resolveWebhookOptions({ url: undefined, timeoutMs: 0 })).toThrow(
      /timeoutMs must be a positive number/,
    );
  });
});

describe('notification text', () => {
  it('names agents and services when it can, and falls back to ids when a lookup fails', async () => {
    expect(
      await notificationText(
        { event: 'agent.offline', payload: { ...base, agentId: 'agt_known', thresholdSeconds: 90 } },
        names,
      ),
    ).toBe(':red_circle: Agent `edge-01` (Edge one) is OFFLINE: no heartbeat for more than 90 s.');
    expect(
      await notificationText(
        { event: 'agent.online', payload: { ...base, agentId: 'agt_gone', previousStatus: 'OFFLINE' } },
        names,
      ),
    ).toBe(':large_green_circle: Agent `agt_gone` is back ONLINE (was OFFLINE).');
    expect(
      await notificationText(
        {
          event: 'command.failed',
          payload: {
            ...base,
            commandId: 'cmd_1',
            serviceId: 'svc_other',
            agentId: 'agt_x',
            actionName: 'restart',
            errorCode: 'ACTION_FAILED',
            errorMessage: 'disk full',
            durationMs: 5,
          },
        },
        names,
      ),
    ).toBe(':x: Command `restart` on service `svc_other` failed: ACTION_FAILED (disk full)');
    expect(
      await notificationText(
        {
          event: 'service.health.changed',
          payload: {
            ...base,
            serviceId: 'svc_known',
            serviceCode: 'billing',
            agentId: 'agt_x',
            from: 'UP',
            to: 'DOWN',
            message: 'db unreachable',
          },
        },
        names,
      ),
    ).toBe(':red_circle: Service `billing` health UP → DOWN: db unreachable');
  });
});

describe('signature', () => {
  it('is sha256=<hex HMAC-SHA256 of the exact body>', () => {
    // Reference value: printf '{"text":"hi"}' | openssl dgst -sha256 -hmac 0123456789abcdef
    expect(signature('0123456789abcdef', '{"text":"hi"}')).toBe(
      'sha256=e9ee28eb1fc9d518843e5faa80d7a8d9cafdcfa56f494c025f2c8080225763fe',
    );
  });
});
