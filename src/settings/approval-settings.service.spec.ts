import { FixedClock } from '../common/time/clock';
import type { Tx } from '../database/transaction';
import { ApprovalSettingsService } from './approval-settings.service';
import type { SettingsRepository } from './settings.repository';
import type { SystemSettingEntity } from './system-setting.entity';

function serviceWith(initial: string | null): { service: ApprovalSettingsService; stored: () => string | null } {
  let row: SystemSettingEntity | null =
    initial === null
      ? null
      : {
          id: 'set_approvals',
          workspaceId: null,
          key: 'approvals',
          valueJson: initial,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        };
  const repository = {
    findById: () => Promise.resolve(row),
    save: (next: SystemSettingEntity) => {
      row = next;
      return Promise.resolve();
    },
  } as unknown as SettingsRepository;
  const service = new ApprovalSettingsService(repository, new FixedClock('2026-03-01T00:00:00.000Z'));
  return { service, stored: () => row?.valueJson ?? null };
}

const em = {} as Tx;

describe('ApprovalSettingsService (docs/actions-and-commands.md, "Approval")', () => {
  it('defaults to CRITICAL needing approval for an hour', async () => {
    expect(await serviceWith(null).service.get()).toEqual({ dangerLevels: ['CRITICAL'], approvalTtlSeconds: 3600 });
  });

  it('keeps the keys not sent, ignores undefined ones and stores levels in severity order', async () => {
    const { service, stored } = serviceWith(null);
    await service.update({ approvalTtlSeconds: 600 }, em);
    const next = await service.update({ dangerLevels: ['CRITICAL', 'HIGH'], approvalTtlSeconds: undefined }, em);
    expect(next).toEqual({ dangerLevels: ['HIGH', 'CRITICAL'], approvalTtlSeconds: 600 });
    expect(JSON.parse(stored()!)).toEqual(next);
    expect(await service.update({ dangerLevels: [] }, em)).toEqual({ dangerLevels: [], approvalTtlSeconds: 600 });
  });

  it('falls back field by field when the stored row is corrupt', async () => {
    expect(await serviceWith('not json').service.get()).toEqual({
      dangerLevels: ['CRITICAL'],
      approvalTtlSeconds: 3600,
    });
    expect(await serviceWith('{"dangerLevels":["HIGH","NOPE"],"approvalTtlSeconds":-5}').service.get()).toEqual({
      dangerLevels: ['HIGH'],
      approvalTtlSeconds: 3600,
    });
  });
});
