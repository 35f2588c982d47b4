import { agentEffectiveStatus, heartbeatCutoffIso, statusImpliedByHeartbeat } from './effective-status';

describe('agentEffectiveStatus', () => {
  const now = Date.parse('2026-01-01T12:00:00.000Z');
  const ago = (s: number): string => new Date(now - s * 1000).toISOString();

  it('DISABLED and REVOKED win over any heartbeat', () => {
    expect(agentEffectiveStatus({ status: 'DISABLED', lastHeartbeatAt: ago(1) }, now, 60)).toBe('DISABLED');
    expect(agentEffectiveStatus({ status: 'REVOKED', lastHeartbeatAt: ago(1) }, now, 60)).toBe('REVOKED');
  });

  it('no heartbeat ever is PENDING', () => {
    expect(agentEffectiveStatus({ status: 'PENDING', lastHeartbeatAt: null }, now, 60)).toBe('PENDING');
    expect(agentEffectiveStatus({ status: 'ONLINE', lastHeartbeatAt: null }, now, 60)).toBe('PENDING');
  });

  it('is OFFLINE only when strictly older than the threshold, before any sweep', () => {
    expect(agentEffectiveStatus({ status: 'ONLINE', lastHeartbeatAt: ago(60) }, now, 60)).toBe('ONLINE');
    expect(
      agentEffectiveStatus({ status: 'ONLINE', lastHeartbeatAt: new Date(now - 60_001).toISOString() }, now, 60),
    ).toBe('OFFLINE');
    expect(agentEffectiveStatus({ status: 'ONLINE', lastHeartbeatAt: ago(300) }, now, 60)).toBe('OFFLINE');
  });

  it('a fresh heartbeat is ONLINE even when the stored status lags (OFFLINE/PENDING)', () => {
    expect(agentEffectiveStatus({ status: 'OFFLINE', lastHeartbeatAt: ago(5) }, now, 60)).toBe('ONLINE');
    expect(agentEffectiveStatus({ status: 'PENDING', lastHeartbeatAt: ago(5) }, now, 60)).toBe('ONLINE');
  });

  it('an unparsable heartbeat is OFFLINE', () => {
    expect(agentEffectiveStatus({ status: 'ONLINE', lastHeartbeatAt: 'garbage' }, now, 60)).toBe('OFFLINE');
  });

  it('the SQL cutoff agrees with the pure rule (string comparison of ISO instants)', () => {
    const cutoff = heartbeatCutoffIso(now, 60);
    expect(ago(60) < cutoff).toBe(false);
    expect(new Date(now - 60_001).toISOString() < cutoff).toBe(true);
  });

  it('enable restores the status the heartbeat implies', () => {
    expect(statusImpliedByHeartbeat(null, now, 60)).toBe('PENDING');
    expect(statusImpliedByHeartbeat(ago(10), now, 60)).toBe('ONLINE');
    expect(statusImpliedByHeartbeat(ago(600), now, 60)).toBe('OFFLINE');
  });
});
