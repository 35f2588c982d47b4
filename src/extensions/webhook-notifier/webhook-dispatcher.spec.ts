import { Clock, type IdGenerator } from '../index';
import type { DeliveryUpdate, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { deliveryLeaseMs, WebhookDispatcher } from './webhook-dispatcher';
import type { ResolvedWebhookOptions } from './webhook-notifier.options';
import type { SendOutcome, WebhookSender } from './webhook-sender';

class StillClock extends Clock {
  now(): Date {
    return new Date('2026-01-01T00:00:00.000Z');
  }
}

const OPTIONS: ResolvedWebhookOptions = {
  url: 'https://hooks.example.test/x',
  secret: undefined,
  events: new Set(),
  maxAttempts: 3,
  backoffMs: 1,
  timeoutMs: 1000,
  queueLimit: 10,
  allowPrivate: false,
};

/** The delivery log of one row, shared with "another replica" that may take it over. */
function harness(
  outcomes: SendOutcome[],
  opts: { takeOverDuringFirstAttempt?: boolean } = {},
): {
  dispatcher: WebhookDispatcher;
  sends: () => number;
  row: { holder: string | null; writes: DeliveryUpdate[] };
  idle: () => Promise<void>;
} {
  const row = { holder: 'whh_me' as string | null, writes: [] as DeliveryUpdate[] };
  let sends = 0;
  let done: () => void = () => undefined;
  let finished = new Promise<void>((r) => (done = r));
  const deliveries = {
    renew: (_id: string, holder: string) => Promise.resolve(row.holder === holder),
    update: (_id: string, holder: string, patch: DeliveryUpdate) => {
      if (row.holder !== holder) return Promise.resolve(false);
      row.writes.push(patch);
      if (patch.status !== 'PENDING') done();
      return Promise.resolve(true);
    },
    release: () => Promise.resolve(0),
  } as unknown as WebhookDeliveriesRepository;
  const sender = {
    send: () => {
      sends += 1;
      if (opts.takeOverDuringFirstAttempt && sends === 1) row.holder = 'whh_other';
      const outcome = outcomes.shift() ?? { ok: true, retryable: false, responseStatus: 200, error: null };
      if (outcome.ok === false && row.holder !== 'whh_me') done();
      return Promise.resolve(outcome);
    },
  } as unknown as WebhookSender;
  const ids = { next: () => 'whh_me' } as unknown as IdGenerator;
  const dispatcher = new WebhookDispatcher(OPTIONS, deliveries, sender, new StillClock(), ids);
  return {
    dispatcher,
    sends: () => sends,
    row,
    idle: async () => {
      await Promise.race([finished, new Promise((r) => setTimeout(r, 200))]);
      finished = new Promise<void>((r) => (done = r));
    },
  };
}

const fail: SendOutcome = { ok: false, retryable: true, responseStatus: 503, error: 'HTTP 503' };

describe('WebhookDispatcher across replicas', () => {
  it('sends and records while it holds the delivery', async () => {
    const h = harness([fail]);
    h.dispatcher.enqueue({ deliveryId: 'whd_1', event: 'webhook.test', body: '{}', attempts: 0 });
    await h.idle();
    expect(h.sends()).toBe(2);
    expect(h.row.writes.map((w) => w.status)).toEqual(['PENDING', 'DELIVERED']);
    await h.dispatcher.onModuleDestroy();
  });

  it('does not send a delivery another replica has taken over (its lease ran out)', async () => {
    const h = harness([]);
    h.row.holder = 'whh_other';
    h.dispatcher.enqueue({ deliveryId: 'whd_2', event: 'webhook.test', body: '{}', attempts: 0 });
    await h.idle();
    expect(h.sends()).toBe(0);
    expect(h.row.writes).toEqual([]);
    await h.dispatcher.onModuleDestroy();
  });

  it('stops retrying once the row was taken over during an attempt, and records nothing', async () => {
    const h = harness([fail, fail], { takeOverDuringFirstAttempt: true });
    h.dispatcher.enqueue({ deliveryId: 'whd_3', event: 'webhook.test', body: '{}', attempts: 0 });
    await h.idle();
    expect(h.sends()).toBe(1);
    expect(h.row.writes).toEqual([]);
    await h.dispatcher.onModuleDestroy();
  });

  it('leases cover one attempt and the longest backoff, plus a minute', () => {
    expect(deliveryLeaseMs({ ...OPTIONS, timeoutMs: 5000, backoffMs: 500, maxAttempts: 3 })).toBe(5000 + 2000 + 60_000);
  });
});
