import type { AppConfig } from '../config/app-config';
import type { AuditService } from '../audit/audit.service';
import { FixedClock } from '../common/time/clock';
import type { RuntimeSettingsService } from '../settings/runtime-settings.service';
import type { CountersService } from '../system/counters.service';
import type { HealthCheck, SystemService } from '../system/system.service';
import { SWEEP_BATCH_SIZE, SweepSteps } from './sweep-steps';
import type { ReadBarrier } from '../common/consistency/read-barrier';
import type { CommandsService } from '../commands/commands.service';
import type { ApprovalsService } from '../approvals/approvals.service';
import { RequestContext } from '../common/context/request-context';
import { MaintenanceService } from './maintenance.service';

function build(overrides: Partial<Record<keyof SweepSteps, jest.Mock>> = {}) {
  const checks = new Map<string, HealthCheck>();
  const zero = jest.fn().mockResolvedValue(0);
  const steps = {
    expireRegistrationTokens: zero,
    expireCommands: zero,
    expireApprovals: zero,
    markAgentsOffline: zero,
    markServicesOfOfflineAgents: zero,
    pruneAudit: zero,
    pruneCommands: jest.fn().mockResolvedValue({}),
    pruneHealthReports: zero,
    pruneSessions: zero,
    pruneLoginThrottle: zero,
    pruneRevokedAgentTokens: zero,
    pruneBusEvents: zero,
    pruneApiTokens: zero,
    pruneScheduleRuns: zero,
    wipeSealedSecrets: zero,
    ...overrides,
  } as unknown as SweepSteps;
  const settings = {
    get: () => ({
      agentOfflineThresholdSeconds: 90,
      auditRetentionDays: 90,
      maintenanceIntervalSeconds: 60,
      commandRetentionDays: 30,
      healthReportsKeep: 100,
    }),
  } as unknown as RuntimeSettingsService;
  const audit = { recordNow: jest.fn().mockResolvedValue(undefined) } as unknown as AuditService;
  const system = {
    registerCheck: (name: string, check: HealthCheck) => checks.set(name, check),
  } as unknown as SystemService;
  const counters = { increment: jest.fn() } as unknown as CountersService;
  const config = { dataDir: '/', actionPrepareTimeoutSeconds: 30, diskMinFreeBytes: 200 * 1024 ** 2 } as AppConfig;
  const liveness = { settle: jest.fn().mockResolvedValue(undefined) } as unknown as ReadBarrier;
  const service = new MaintenanceService(
    config,
    steps,
    settings,
    audit,
    system,
    counters,
    new FixedClock('2026-03-01T00:00:00.000Z'),
    liveness,
  );
  service.onModuleInit();
  return { service, checks, audit, counters };
}

describe('MaintenanceService', () => {
  it('joins the sweep in flight instead of starting a second one', async () => {
    let release: (n: number) => void = () => undefined;
    const slow = jest.fn().mockImplementation(() => new Promise<number>((r) => (release = r)));
    const { service } = build({ expireRegistrationTokens: slow });
    const a = service.run();
    const b = service.run();
    expect(service.running).toBe(true);
    expect(b).toBe(a);
    release(2);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toBe(rb);
    expect(ra.expiredRegistrationTokens).toBe(2);
    expect(slow).toHaveBeenCalledTimes(1);
    expect(service.running).toBe(false);
  });

  it('a failed sweep makes the health check DEGRADED until the next good one', async () => {
    const failing = jest.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(0);
    const { service, checks } = build({ pruneAudit: failing });
    await expect(service.run()).rejects.toThrow('boom');
    expect(checks.get('maintenance')?.()).toMatchObject({ status: 'DEGRADED' });
    await service.run();
    expect(checks.get('maintenance')?.()).toEqual({ status: 'UP' });
  });

  it('counts pruned commands per status into persisted counters and audits only sweeps that changed something', async () => {
    const { service, audit, counters } = build({
      pruneCommands: jest.fn().mockResolvedValue({ FAILED: 2, SUCCEEDED: 3 }),
    });
    const result = await service.run();
    expect(result.deletedCommands).toBe(5);
    expect(counters.increment).toHaveBeenCalledWith('commands.pruned.FAILED', 2);
    expect(counters.increment).toHaveBeenCalledWith('commands.pruned.SUCCEEDED', 3);
    expect(
      (audit.recordNow as jest.Mock).mock.calls.map((c: unknown[]) => (c[1] as { action: string }).action),
    ).toEqual(['system.maintenance.completed']);

    const idle = build();
    await idle.service.run();
    expect(idle.audit.recordNow).not.toHaveBeenCalled();
  });

  it('expires commands through the commands module and audits the aggregate count', async () => {
    const expireCommands = jest.fn().mockResolvedValue(2 * SWEEP_BATCH_SIZE + 2);
    const { service, audit } = build({ expireCommands });
    const result = await service.run();
    expect(result.expiredCommands).toBe(2 * SWEEP_BATCH_SIZE + 2);
    // (now, now − the 30 s prepare timeout)
    expect(expireCommands).toHaveBeenCalledWith('2026-03-01T00:00:00.000Z', '2026-02-28T23:59:30.000Z');
    expect((audit.recordNow as jest.Mock).mock.calls[0]?.[1]).toMatchObject({
      action: 'system.command.expired',
      metadata: { count: 2 * SWEEP_BATCH_SIZE + 2 },
    });
  });

  it('disk check: DEGRADED below 200 MB or 5 % free', () => {
    const { service, checks } = build();
    const probe = jest.spyOn(service, 'probeDisk');
    probe.mockReturnValue({ freeBytes: 50 * 1024 ** 3, totalBytes: 100 * 1024 ** 3 });
    expect(checks.get('disk')?.()).toEqual({ status: 'UP' });
    probe.mockReturnValue({ freeBytes: 150 * 1024 ** 2, totalBytes: 1024 ** 3 });
    expect(checks.get('disk')?.()).toMatchObject({ status: 'DEGRADED' });
    probe.mockReturnValue({ freeBytes: 4 * 1024 ** 3, totalBytes: 100 * 1024 ** 3 });
    expect(checks.get('disk')?.()).toMatchObject({ status: 'DEGRADED' });
    probe.mockReturnValue(undefined);
    expect(checks.get('disk')?.()).toEqual({ status: 'UP' });
  });
});

describe('SweepSteps', () => {
  function stepsWith(commands: Partial<CommandsService>, approvals: Partial<ApprovalsService> = {}): SweepSteps {
    // Only the commands and approvals modules are called by these steps; the others are never reached.
    const none = {} as never;
    const cmds = commands as CommandsService;
    return new SweepSteps(none, none, none, cmds, none, none, none, none, none, approvals as ApprovalsService, none);
  }

  it('expires overdue approval requests batch after batch, as the system actor', async () => {
    const expireDue = jest
      .fn()
      .mockResolvedValueOnce({ selected: SWEEP_BATCH_SIZE, affected: SWEEP_BATCH_SIZE })
      .mockResolvedValueOnce({ selected: 1, affected: 1 });
    const ctx = RequestContext.system(new FixedClock('2026-03-01T00:00:00.000Z'));
    expect(await stepsWith({}, { expireDue }).expireApprovals(ctx)).toBe(SWEEP_BATCH_SIZE + 1);
    expect(expireDue).toHaveBeenCalledTimes(2);
    expect(expireDue).toHaveBeenCalledWith(ctx, SWEEP_BATCH_SIZE);
  });

  it('runs a domain step batch after batch while batches come back full', async () => {
    const expireDue = jest
      .fn()
      .mockResolvedValueOnce({ selected: SWEEP_BATCH_SIZE, expired: SWEEP_BATCH_SIZE })
      .mockResolvedValueOnce({ selected: SWEEP_BATCH_SIZE, expired: SWEEP_BATCH_SIZE - 1 })
      .mockResolvedValueOnce({ selected: 3, expired: 3 });
    const expired = await stepsWith({ expireDue }).expireCommands(
      '2026-03-01T00:00:00.000Z',
      '2026-02-28T23:59:30.000Z',
    );
    expect(expired).toBe(2 * SWEEP_BATCH_SIZE + 2);
    expect(expireDue).toHaveBeenCalledTimes(3);
    expect(expireDue).toHaveBeenCalledWith('2026-03-01T00:00:00.000Z', '2026-02-28T23:59:30.000Z', SWEEP_BATCH_SIZE);
  });

  it('adds up pruned commands per status over the batches', async () => {
    const pruneFinishedBefore = jest
      .fn()
      .mockResolvedValueOnce({ selected: SWEEP_BATCH_SIZE, byStatus: { SUCCEEDED: SWEEP_BATCH_SIZE - 1, FAILED: 1 } })
      .mockResolvedValueOnce({ selected: 2, byStatus: { FAILED: 2 } });
    expect(await stepsWith({ pruneFinishedBefore }).pruneCommands('2026-02-01T00:00:00.000Z')).toEqual({
      SUCCEEDED: SWEEP_BATCH_SIZE - 1,
      FAILED: 3,
    });
  });
});
