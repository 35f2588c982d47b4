import { Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '../common/context/request-context';
import { SecretSealer } from '../common/crypto/secret-sealer';
import { Clock } from '../common/time/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { CountersService } from '../system/counters.service';
import { CommandNotifier, type NotifierSubscription } from './command-notifier';
import {
  emptyPoll,
  ParkedPoll,
  type PollClient,
  type PollHost,
  type PollReceiver,
  type PollResult,
} from './parked-poll';
import { CANCEL_NOTICE_BATCH, CommandRepository } from './command.repository';
import { CancelNoticeIndex } from './cancel-notice-index';
import type { CommandEntity } from './command.entity';
import type { Tx } from '../database/transaction';
import { toPublicCommand } from './command.mapper';
import { parseObject } from './sealed-values';
import type { PublicCommand } from '../contracts';

export const PAYLOAD_UNREADABLE_CODE = 'COMMAND_PAYLOAD_UNREADABLE';
const PAYLOAD_UNREADABLE_MESSAGE =
  'The secret fields of this command could not be decrypted: the server runs with another OPSTAGE_SESSION_SECRET than the one that stored them. Run the action again.';

/** Long-polls of one agent that may wait at once; a newer poll answers the oldest one empty. */
export const MAX_PARKED_POLLS_PER_AGENT = 2;

/**
 * The agent's poll (docs/actions-and-commands.md, "Agent poll and long-poll"; docs/design/decisions.md, "Long-poll"):
 * claims PENDING, unexpired commands
 * with conditional updates inside one serialised transaction, and long-polls through the
 * in-process notifier when there is nothing to claim (each waiting poll is a `ParkedPoll` record).
 */
@Injectable()
export class CommandDispatchService implements PollHost {
  private readonly logger = new Logger('CommandDispatch');
  /** Waiting long-polls per agent, oldest first (docs/security.md: one token cannot park thousands). */
  private readonly parked = new Map<string, NotifierSubscription[]>();

  constructor(
    private readonly commands: CommandRepository,
    private readonly tx: TransactionRunner,
    private readonly notifier: CommandNotifier,
    private readonly sealer: SecretSealer,
    private readonly counters: CountersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly cancelNotices: CancelNoticeIndex,
  ) {}

  /**
   * The agent's liveness is the agent gateway's part, done before this is called. The answer goes to
   * `receiver`, at once or when the long-poll ends.
   */
  poll(
    ctx: RequestContext,
    agentId: string,
    limit: number,
    waitSeconds: number,
    client: PollClient | undefined,
    receiver: PollReceiver,
  ): void {
    this.counters.increment('agent.polls');
    // A client already gone (it left while the guard looked up its token) can receive nothing.
    if (client?.gone()) return receiver.polled(emptyPoll());
    // Subscribe before the first claim: a command created between "nothing to claim" and
    // "start waiting" latches the subscription instead of being missed.
    const subscription = waitSeconds > 0 ? this.park(agentId) : undefined;
    const deadline = ctx.now.getTime() + waitSeconds * 1000;
    new ParkedPoll(this, ctx, agentId, limit, deadline, subscription, client, receiver).start();
  }

  async check(ctx: RequestContext, agentId: string, limit: number, nowIso: string): Promise<PollResult> {
    const commands = await this.claim(ctx, agentId, limit);
    return { commands, cancelledCommandIds: await this.cancelledIds(agentId, nowIso) };
  }

  release(agentId: string, subscription: NotifierSubscription): void {
    subscription.close();
    const list = this.parked.get(agentId)?.filter((s) => s !== subscription) ?? [];
    if (list.length === 0) this.parked.delete(agentId);
    else this.parked.set(agentId, list);
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  nowIso(): string {
    return this.clock.nowIso();
  }

  /** Subscribes a long-poll; beyond the cap the oldest waiting poll is released (it answers empty). */
  private park(agentId: string): NotifierSubscription {
    const subscription = this.notifier.subscribeAgent(agentId);
    const list = [...(this.parked.get(agentId) ?? []), subscription];
    const evicted = list.splice(0, Math.max(0, list.length - MAX_PARKED_POLLS_PER_AGENT));
    this.parked.set(agentId, list);
    // After the list is settled: closing answers the evicted poll, which releases itself (a no-op now).
    for (const old of evicted) old.close();
    return subscription;
  }

  /**
   * Cancel notices for the heartbeat and the poll: cancelled RUNNING commands, each reported to the agent once. Agents
   * outside the cancel-notice index have none, so the common heartbeat touches no database.
   */
  async cancelledIds(agentId: string, nowIso: string): Promise<string[]> {
    if (!this.cancelNotices.has(agentId)) return [];
    // Taken before the lookup: a cancel that commits during it (on any replica) keeps the agent indexed.
    const mark = this.cancelNotices.mark();
    return this.tx.run(async (em) => {
      const taken = await this.commands.takeCancelledForAgent(agentId, nowIso, em, CANCEL_NOTICE_BATCH);
      if (taken.length < CANCEL_NOTICE_BATCH) this.cancelNotices.remove(agentId, mark);
      return taken;
    });
  }

  private async claim(ctx: RequestContext, agentId: string, limit: number): Promise<PublicCommand[]> {
    const nowIso = this.clock.nowIso();
    // The empty poll's fast path: an indexed probe outside any transaction. A command created
    // right after it still reaches a long-poll through the subscription taken before the claim.
    if (!(await this.commands.hasClaimable(agentId, nowIso))) return [];
    const won = await this.tx.run(async (em) => {
      const candidates = await this.commands.claimable(agentId, nowIso, limit, em);
      const out: { row: CommandEntity; payload: Record<string, unknown> }[] = [];
      for (const row of candidates) {
        const payload = this.agentPayload(row);
        if (payload === undefined) {
          await this.failUnreadable(ctx, row, nowIso, em);
          continue;
        }
        if (!(await this.commands.claim(row.id, nowIso, em))) continue;
        await this.audit.record(ctx, { action: 'command.dispatched', targetType: 'Command', targetId: row.id }, em);
        out.push({ row: { ...row, status: 'RUNNING', startedAt: nowIso, updatedAt: nowIso }, payload });
      }
      return out;
    });
    if (won.length > 0) this.counters.increment('commands.dispatched', won.length);
    return won.map(({ row, payload }) => toPublicCommand(row, nowIso, payload));
  }

  /**
   * A sealed payload this server cannot open (the database was restored under another
   * `OPSTAGE_SESSION_SECRET`) is never sent with `[REDACTED]` in place of the operator's input:
   * the command fails with a stable code the console shows (docs/operations.md, Backups).
   */
  private async failUnreadable(ctx: RequestContext, row: CommandEntity, nowIso: string, em: Tx): Promise<void> {
    const won = await this.commands.finish(
      row.id,
      ['PENDING'],
      {
        status: 'FAILED',
        completedAt: nowIso,
        errorCode: PAYLOAD_UNREADABLE_CODE,
        errorMessage: PAYLOAD_UNREADABLE_MESSAGE,
      },
      em,
    );
    if (!won) return;
    this.logger.warn({
      msg: 'sealed payload could not be opened (session secret changed?); command failed instead of being delivered',
      commandId: row.id,
    });
    await this.audit.record(
      ctx,
      {
        action: 'command.failed',
        targetType: 'Command',
        targetId: row.id,
        result: 'FAILURE',
        metadata: { errorCode: PAYLOAD_UNREADABLE_CODE },
      },
      em,
    );
    this.tx.afterCommit(em, () => this.notifier.notifyCommand(row.id));
  }

  /** The agent gets the operator's input as typed: sealed fields are merged back in (undefined: cannot be opened). */
  private agentPayload(row: CommandEntity): Record<string, unknown> | undefined {
    if (!row.sealedPayload) return parseObject(row.payloadJson);
    const opened = this.sealer.open(row.sealedPayload);
    if (opened !== null && typeof opened === 'object' && !Array.isArray(opened))
      return opened as Record<string, unknown>;
    return undefined;
  }
}
