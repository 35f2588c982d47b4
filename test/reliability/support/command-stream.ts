import { WORK_ACTION, workPayload } from './fleet';
import { pause } from './mode';
import type { Operator } from './server-process';

/** A command the server acknowledged to the operator (200 to the execute request). */
export interface Acked {
  id: string;
  sealed: boolean;
  expiresAt: string;
}

/**
 * An operator's steady stream of commands over a fleet's services: every 4th carries a sealed
 * secret, every 10th runs 4 s and is cancelled while it runs. Requests the server never answered
 * (it was down) are counted, not retried: only acknowledged commands are promised to exist.
 */
export class CommandStream {
  readonly acked = new Map<string, Acked>();
  readonly cancelAcked = new Set<string>();
  /** Requests that got no 200, by cause. */
  readonly refused = new Map<string, number>();
  private n = 0;
  private on = false;
  private loop: Promise<void> = Promise.resolve();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly operator: Operator,
    private readonly services: readonly string[],
    private readonly everyMs: number,
  ) {}

  start(): void {
    this.on = true;
    this.loop = (async () => {
      while (this.on) {
        const task = this.executeOne();
        this.inFlight.add(task);
        void task.finally(() => this.inFlight.delete(task));
        await pause(this.everyMs);
      }
    })();
  }

  /** Stops issuing and waits for the requests (and cancels) in flight. */
  async stop(): Promise<void> {
    this.on = false;
    await this.loop;
    await Promise.all([...this.inFlight]);
  }

  private count(key: string): void {
    this.refused.set(key, (this.refused.get(key) ?? 0) + 1);
  }

  private async executeOne(): Promise<void> {
    const n = (this.n += 1);
    const sealed = n % 4 === 0;
    const slow = n % 10 === 5;
    const ms = slow ? 4_000 : 50 + Math.floor(Math.random() * 1_200);
    const serviceId = this.services[Math.floor(Math.random() * this.services.length)] ?? '';
    try {
      const res = await this.operator.call<{ id: string; expiresAt: string }>(
        'POST',
        `/api/admin/capsule-services/${serviceId}/actions/${WORK_ACTION}`,
        { payload: workPayload(n, ms, sealed) },
        5_000,
      );
      if (res.status !== 200) return this.count(`HTTP ${res.status} ${res.body.error?.code ?? ''}`);
      const { id, expiresAt } = res.body.data;
      this.acked.set(id, { id, sealed, expiresAt });
      if (!slow) return;
      // An operator cancels it while it runs.
      await pause(500 + Math.floor(Math.random() * 1_500));
      const cancel = await this.operator.call('POST', `/api/admin/commands/${id}/cancel`, undefined, 5_000);
      if (cancel.status === 200) this.cancelAcked.add(id);
    } catch {
      this.count('no answer (server down)');
    }
  }
}
