import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CapsuleServicesModule } from '../capsule-services/capsule-services.module';
import { MaintenanceModule } from '../maintenance/maintenance.module';
import { AlertEvaluator } from './alert-evaluator';
import { AlertTransitionsService } from './alert-transitions.service';
import { ChannelVault } from './channel-vault';
import { NotificationActivityService } from './notification-activity.service';
import { NotificationAlertsRepository } from './notification-alerts.repository';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationDeliveriesRepository } from './notification-deliveries.repository';
import { NotificationDispatcher } from './notification-dispatcher';
import { NotificationEventsListener } from './notification-events.listener';
import { NotificationRulesService } from './notification-rules.service';
import { NotificationSender } from './notification-sender';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';

/**
 * Notification channels and rules (docs/notifications.md): alerts for lasting conditions with a delay,
 * reminders and recovery, one-shot events, and an outbox sent with retries. It sits above maintenance/
 * (it runs its evaluation through ScheduledJobs, once per interval across replicas) and prunes its own
 * tables with that job.
 */
@Module({
  imports: [AuditModule, CapsuleServicesModule, MaintenanceModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    NotificationAlertsRepository,
    NotificationDeliveriesRepository,
    ChannelVault,
    NotificationSender,
    NotificationDispatcher,
    AlertTransitionsService,
    NotificationChannelsService,
    NotificationRulesService,
    NotificationActivityService,
    NotificationEventsListener,
    AlertEvaluator,
  ],
})
export class NotificationsModule {}
