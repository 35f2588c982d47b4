import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { rotateBackups } from './backup.service';
import { maskUrl, safeConfig } from './diagnostics.service';
import { metricsExposureWarning } from './prometheus.service';
import { summarizeDurations } from './metrics.service';

describe('summarizeDurations (nearest rank, as the reference)', () => {
  const row = (ms: number) => ({ startedAt: new Date(0).toISOString(), completedAt: new Date(ms).toISOString() });

  it('is all null when empty', () => {
    expect(summarizeDurations([])).toEqual({ sampleSize: 0, p50Ms: null, p95Ms: null, maxMs: null, meanMs: null });
  });

  it('one sample gives every percentile', () => {
    expect(summarizeDurations([row(42)])).toEqual({ sampleSize: 1, p50Ms: 42, p95Ms: 42, maxMs: 42, meanMs: 42 });
  });

  it('uses index ceil(p/100·n) − 1 and drops negative spans', () => {
    const rows = Array.from({ length: 100 }, (_, i) => row(i + 1));
    rows.push({ startedAt: new Date(10).toISOString(), completedAt: new Date(0).toISOString() });
    expect(summarizeDurations(rows)).toEqual({ sampleSize: 100, p50Ms: 50, p95Ms: 95, maxMs: 100, meanMs: 51 });
  });
});

describe('rotateBackups', () => {
  it('keeps the newest N by timestamp then sequence, and ignores foreign files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rot-'));
    try {
      const names = [
        'opstage-2026-01-01T00-00-00-000Z.db',
        'opstage-2026-01-02T00-00-00-000Z.db',
        'opstage-2026-01-02T00-00-00-000Z-1.db',
        'opstage-2026-01-02T00-00-00-000Z-2.db',
        'my-own.db',
      ];
      for (const n of names) writeFileSync(join(dir, n), 'x');
      const removed = rotateBackups(dir, 2);
      expect(removed.sort()).toEqual(['opstage-2026-01-01T00-00-00-000Z.db', 'opstage-2026-01-02T00-00-00-000Z.db']);
      expect(readdirSync(dir).sort()).toEqual([
        'my-own.db',
        'opstage-2026-01-02T00-00-00-000Z-1.db',
        'opstage-2026-01-02T00-00-00-000Z-2.db',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('safeConfig', () => {
  it('never contains a secret value', () => {
    const secrets = {
      OPSTAGE_SESSION_SECRET: 'session-secret-session-secret-1234567890',
      OPSTAGE_ADMIN_PASSWORD: 'admin-password-value-xyz',
      OPSTAGE_METRICS_TOKEN: 'metrics-token-value-abcdef',
      OPSTAGE_WEBHOOK_SECRET: 'webhook-secret-value-000',
    };
    const config = loadConfig(
      { ...secrets, OPSTAGE_ADMIN_USERNAME: 'admin', OPSTAGE_WEBHOOK_URL: 'https://u:p4ss@h.example/x?token=t0k' },
      { packageVersion: '1.0.0' },
    );
    const text = JSON.stringify(
      safeConfig(config, {
        agentOfflineThresholdSeconds: 90,
        auditRetentionDays: 90,
        maintenanceIntervalSeconds: 60,
        commandRetentionDays: 30,
        healthReportsKeep: 100,
      }),
    );
    for (const value of [...Object.values(secrets), 'p4ss', 't0k']) expect(text).not.toContain(value);
  });

  it('maskUrl keeps only the origin: user info, path (a Slack webhook secret) and query go', () => {
    expect(maskUrl('https://a:b@host:8443/p?q=1')).toBe('https://host:8443');
    expect(maskUrl('http://host/p')).toBe('http://host');
    expect(maskUrl('https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX')).toBe('https://hooks.slack.com');
    expect(maskUrl(undefined)).toBeNull();
    expect(maskUrl('not a url')).toBe('***');
  });
});

describe('metricsExposureWarning', () => {
  it('warns only when /metrics is on, has no token and listens beyond loopback', () => {
    const token = 'metrics-token-0123456789';
    expect(metricsExposureWarning({ metricsEnabled: true, metricsToken: undefined, host: '0.0.0.0' })).toMatch(
      /OPSTAGE_METRICS_TOKEN/,
    );
    expect(metricsExposureWarning({ metricsEnabled: true, metricsToken: undefined, host: '10.1.2.3' })).toMatch(
      /10\.1\.2\.3/,
    );
    expect(metricsExposureWarning({ metricsEnabled: true, metricsToken: token, host: '0.0.0.0' })).toBeNull();
    expect(metricsExposureWarning({ metricsEnabled: false, metricsToken: undefined, host: '0.0.0.0' })).toBeNull();
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.5'])
      expect(metricsExposureWarning({ metricsEnabled: true, metricsToken: undefined, host })).toBeNull();
  });
});
