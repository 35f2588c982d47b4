import type { AgentStatusInput } from '../agents/effective-status';
import { serviceEffectiveStatus, storedStatusFromHealth, type ServiceStatusInput } from './service-status';

describe('serviceEffectiveStatus', () => {
  const now = Date.parse('2026-01-01T12:00:00.000Z');
  const ago = (s: number): string => new Date(now - s * 1000).toISOString();
  const t = { agentOfflineThresholdSeconds: 60, serviceStaleThresholdSeconds: 120 };
  const svc = (
    status: ServiceStatusInput['status'],
    reportedAgo = 5,
    healthAgo: number | null = null,
  ): ServiceStatusInput => ({
    status,
    lastReportedAt: ago(reportedAgo),
    lastHealthAt: healthAgo === null ? null : ago(healthAgo),
  });
  const agent = (status: AgentStatusInput['status'], hbAgo: number | null): AgentStatusInput => ({
    status,
    lastHeartbeatAt: hbAgo === null ? null : ago(hbAgo),
  });

  it('missing agent → OFFLINE', () => {
    expect(serviceEffectiveStatus(svc('HEALTHY'), null, now, t)).toBe('OFFLINE');
  });

  it('REVOKED or DISABLED agent → OFFLINE', () => {
    expect(serviceEffectiveStatus(svc('HEALTHY'), agent('REVOKED', 1), now, t)).toBe('OFFLINE');
    expect(serviceEffectiveStatus(svc('HEALTHY'), agent('DISABLED', 1), now, t)).toBe('OFFLINE');
  });

  it('agent stored OFFLINE with an old heartbeat → OFFLINE (never STALE)', () => {
    expect(serviceEffectiveStatus(svc('HEALTHY'), agent('OFFLINE', 600), now, t)).toBe('OFFLINE');
  });

  it('ONLINE agent whose heartbeat is older than the threshold → OFFLINE, like the agent row shows', () => {
    expect(serviceEffectiveStatus(svc('HEALTHY'), agent('ONLINE', 300), now, t)).toBe('OFFLINE');
  });

  it('agent that never heartbeated (PENDING or ONLINE) → STALE', () => {
    expect(serviceEffectiveStatus(svc('HEALTHY'), agent('ONLINE', null), now, t)).toBe('STALE');
    expect(serviceEffectiveStatus(svc('HEALTHY'), agent('PENDING', null), now, t)).toBe('STALE');
  });

  it('fresh agent: the stored status passes through', () => {
    for (const s of ['HEALTHY', 'UNHEALTHY', 'UNKNOWN', 'STALE'] as const)
      expect(serviceEffectiveStatus(svc(s), agent('ONLINE', 5), now, t)).toBe(s);
  });

  it('a service the sweep marked OFFLINE reads UNKNOWN once its agent is live again', () => {
    expect(serviceEffectiveStatus(svc('OFFLINE'), agent('ONLINE', 5), now, t)).toBe('UNKNOWN');
  });

  it('fresh agent but neither report nor health within the service-stale threshold → STALE', () => {
    expect(serviceEffectiveStatus(svc('HEALTHY', 121), agent('ONLINE', 5), now, t)).toBe('STALE');
    expect(serviceEffectiveStatus(svc('HEALTHY', 300, 10), agent('ONLINE', 5), now, t)).toBe('HEALTHY');
    expect(
      serviceEffectiveStatus(svc('HEALTHY', 121), agent('ONLINE', 5), now, { ...t, serviceStaleThresholdSeconds: 0 }),
    ).toBe('HEALTHY');
  });

  it('maps health to stored status', () => {
    expect(storedStatusFromHealth('UP')).toBe('HEALTHY');
    expect(storedStatusFromHealth('DEGRADED')).toBe('UNHEALTHY');
    expect(storedStatusFromHealth('DOWN')).toBe('UNHEALTHY');
    expect(storedStatusFromHealth('UNKNOWN')).toBe('UNKNOWN');
    expect(storedStatusFromHealth(undefined)).toBe('UNKNOWN');
  });
});
