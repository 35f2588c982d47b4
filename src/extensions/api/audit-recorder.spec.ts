import type { AuditService } from '../../audit/audit.service';
import { RequestContext } from '../../common/context/request-context';
import { FixedClock } from '../../common/time/clock';
import { AuditRecorder } from './audit-recorder';

describe('AuditRecorder', () => {
  const record = jest.fn().mockResolvedValue(undefined);
  const sut = new AuditRecorder({ recordNow: record } as unknown as AuditService);
  const ctx = RequestContext.system(new FixedClock());

  beforeEach(() => record.mockClear());

  it('passes ext.<name>.<verb> actions through, without any actor override', async () => {
    const input = {
      action: 'ext.acme-inventory.item.created',
      targetType: 'Item',
      targetId: 'itm_1',
      metadata: { n: 1 },
      actor: { type: 'USER', id: 'usr_forged' },
    };
    await sut.record(ctx, input);
    expect(record).toHaveBeenCalledWith(ctx, {
      action: 'ext.acme-inventory.item.created',
      targetType: 'Item',
      targetId: 'itm_1',
      result: undefined,
      message: undefined,
      metadata: { n: 1 },
    });
  });

  it.each(['agent.revoked', 'ext.', 'ext.Acme.x', 'extension.acme.x'])(
    'refuses the core-looking or malformed action %j',
    async (action) => {
      await expect(sut.record(ctx, { action })).rejects.toThrow(/must look like ext\.<extension-name>\.<verb>/);
      expect(record).not.toHaveBeenCalled();
    },
  );
});
