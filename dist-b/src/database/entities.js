"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CORE_ENTITIES = void 0;
const agent_token_entity_1 = require("../agents/agent-token.entity");
const agent_entity_1 = require("../agents/agent.entity");
const audit_event_entity_1 = require("../audit/audit-event.entity");
const session_entity_1 = require("../auth/session.entity");
const bus_event_entity_1 = require("../bus/bus-event.entity");
const bus_route_entity_1 = require("../bus/bus-route.entity");
const action_definition_entity_1 = require("../capsule-services/action-definition.entity");
const capsule_service_entity_1 = require("../capsule-services/capsule-service.entity");
const config_item_entity_1 = require("../capsule-services/config-item.entity");
const health_report_entity_1 = require("../capsule-services/health-report.entity");
const command_result_entity_1 = require("../commands/command-result.entity");
const command_entity_1 = require("../commands/command.entity");
const system_counter_entity_1 = require("../system/system-counter.entity");
const system_setting_entity_1 = require("../settings/system-setting.entity");
const registration_token_entity_1 = require("../registration-tokens/registration-token.entity");
const user_entity_1 = require("../users/user.entity");
const workspace_entity_1 = require("../workspaces/workspace.entity");
/** Every core entity; the data source and the migration generator use this one list. */
exports.CORE_ENTITIES = [
    workspace_entity_1.WorkspaceEntity,
    user_entity_1.UserEntity,
    session_entity_1.SessionEntity,
    registration_token_entity_1.RegistrationTokenEntity,
    agent_entity_1.AgentEntity,
    agent_token_entity_1.AgentTokenEntity,
    capsule_service_entity_1.CapsuleServiceEntity,
    health_report_entity_1.HealthReportEntity,
    config_item_entity_1.ConfigItemEntity,
    action_definition_entity_1.ActionDefinitionEntity,
    command_entity_1.CommandEntity,
    command_result_entity_1.CommandResultEntity,
    audit_event_entity_1.AuditEventEntity,
    system_setting_entity_1.SystemSettingEntity,
    system_counter_entity_1.SystemCounterEntity,
    bus_event_entity_1.BusEventEntity,
    bus_route_entity_1.BusRouteEntity,
];
//# sourceMappingURL=entities.js.map