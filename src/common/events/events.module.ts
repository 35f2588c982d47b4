import { Global, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { DomainEvents } from './domain-events';

/** The post-commit domain event bus, global so every module can emit without importing another. */
@Global()
@Module({
  imports: [EventEmitterModule.forRoot({ wildcard: false, maxListeners: 50 })],
  providers: [DomainEvents],
  exports: [DomainEvents],
})
export class EventsModule {}
