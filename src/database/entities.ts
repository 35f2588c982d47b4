import { AgentTokenEntity } from '../agents/agent-token.entity';
import { ApiTokenEntity } from '../api-tokens/api-token.entity';
import { AgentEntity } from '../agents/agent.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { LoginThrottleEntity } from '../auth/login-throttle.entity';
import { SessionEntity } from '../auth/session.entity';
import { BusEventEntity } from '../bus/bus-event.entity';
import { BusRouteEntity } from '../bus/bus-route.entity';
import { ActionDefinitionEntity } from '../capsule-services/action-definition.entity';
import { CapsuleServiceEntity } from '../capsule-services/capsule-service.entity';
import { ConfigItemEntity } from '../capsule-services/config-item.entity';
import { HealthReportEntity } from '../capsule-services/health-report.entity';
import { CommandResultEntity } from '../commands/command-result.entity';
import { CommandEntity } from '../commands/command.entity';
import { SystemCounterEntity } from '../system/system-counter.entity';
import { SystemSettingEntity } from '../settings/system-setting.entity';
import { ScheduledSlotEntity } from '../maintenance/scheduled-slot.entity';
import { NotificationAlertEntity } from '../notifications/notification-alert.entity';
import { NotificationChannelEntity } from '../notifications/notification-channel.entity';
import { NotificationDeliveryEntity } from '../notifications/notification-delivery.entity';
import { NotificationRuleEntity } from '../notifications/notification-rule.entity';
import { RegistrationTokenEntity } from '../registration-tokens/registration-token.entity';
import { ScheduleRunEntity } from '../schedules/schedule-run.entity';
import { ScheduleEntity } from '../schedules/schedule.entity';
import { UserEntity } from '../users/user.entity';
import { WorkspaceEntity } from '../workspaces/workspace.entity';

/** Every core entity; the data source and the migration generator use this one list. */
export const CORE_ENTITIES = [
  WorkspaceEntity,
  UserEntity,
  SessionEntity,
  RegistrationTokenEntity,
  AgentEntity,
  AgentTokenEntity,
  CapsuleServiceEntity,
  HealthReportEntity,
  ConfigItemEntity,
  ActionDefinitionEntity,
  CommandEntity,
  CommandResultEntity,
  AuditEventEntity,
  SystemSettingEntity,
  SystemCounterEntity,
  BusEventEntity,
  BusRouteEntity,
  LoginThrottleEntity,
  ScheduledSlotEntity,
  ApiTokenEntity,
  NotificationChannelEntity,
  NotificationRuleEntity,
  NotificationAlertEntity,
  NotificationDeliveryEntity,
  ScheduleEntity,
  ScheduleRunEntity,
];
