import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { OpstageEventName, OpstageEvents } from './opstage-events';

/**
 * Publishes typed domain events. Callers emit only after their transaction committed (use
 * `TransactionRunner.afterCommit` inside one); delivery is deferred to a later tick so a slow or
 * failing listener never delays or fails the request or sweep that raised the event.
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger('events');

  constructor(private readonly emitter: EventEmitter2) {}

  emit<K extends OpstageEventName>(name: K, payload: OpstageEvents[K]): void {
    // Nobody listens (e.g. no console has the live stream open): nothing to schedule.
    if (this.emitter.listenerCount(name) === 0) return;
    const frozen = Object.freeze({ ...payload });
    setImmediate(() => {
      try {
        this.emitter.emitAsync(name, frozen).catch((error: unknown) => this.listenerFailed(name, error));
      } catch (error) {
        this.listenerFailed(name, error);
      }
    });
  }

  private listenerFailed(name: string, error: unknown): void {
    this.logger.error({
      msg: 'event listener failed',
      event: name,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
