import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { InProcessLiveEventHub, LiveEventHub } from './live-event-hub';
import { LiveEventFeed } from './live-event-feed';
import { LiveEventsController } from './live-events.controller';
import { LiveStreams } from './live-streams';

/**
 * The console's live updates: domain events → hub → one SSE stream per open console. The hub is
 * bound by its abstract class, so a multi-replica implementation can replace the in-process one.
 */
@Module({
  imports: [AuthModule],
  controllers: [LiveEventsController],
  providers: [{ provide: LiveEventHub, useClass: InProcessLiveEventHub }, LiveEventFeed, LiveStreams],
  exports: [LiveEventHub],
})
export class LiveEventsModule {}
