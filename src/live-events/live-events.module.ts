import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ClusterBus } from '../cluster/cluster-bus';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../common/time/clock';
import { ClusterLiveEventHub } from './cluster-live-event-hub';
import { InProcessLiveEventHub, LiveEventHub } from './live-event-hub';
import { LiveEventFeed } from './live-event-feed';
import { LiveEventsController } from './live-events.controller';
import { LiveStreams } from './live-streams';

/**
 * The console's live updates: domain events → hub → one SSE stream per open console. The hub is
 * bound by its abstract class: in-process on SQLite, across replicas through the cluster bus on PostgreSQL.
 */
@Module({
  imports: [AuthModule],
  controllers: [LiveEventsController],
  providers: [
    {
      provide: LiveEventHub,
      // One process is the whole cluster on SQLite: the in-process hub, idle while nobody watches.
      useFactory: (config: AppConfig, bus: ClusterBus, clock: Clock) =>
        config.databaseKind === 'postgres' ? new ClusterLiveEventHub(bus, clock) : new InProcessLiveEventHub(),
      inject: [APP_CONFIG, ClusterBus, Clock],
    },
    LiveEventFeed,
    LiveStreams,
  ],
  exports: [LiveEventHub],
})
export class LiveEventsModule {}
