import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL's whole schema as of the SQLite history up to ActionHasPrepareNullable1764390000000:
 * the same tables, columns, defaults, indexes, unique constraints and foreign keys as the entity model,
 * with the constraint names TypeORM derives from it, so the drift check finds nothing to change.
 * Timestamps stay ISO-8601 text and JSON stays text, as on SQLite (src/database/columns.ts), so the
 * repositories compare and order them the same way on both dialects. Later schema changes ship one
 * migration per dialect with the same timestamp and name (migrations/index.ts).
 */
export class PostgresInit1764390000000 implements MigrationInterface {
  name = 'PostgresInit1764390000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of UP) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Dropping a table drops its indexes; CASCADE takes the foreign keys that point at it.
    for (const table of [...TABLES].reverse()) await queryRunner.query(`DROP TABLE IF EXISTS "${table}" CASCADE`);
  }
}

const TABLES: readonly string[] = [
  'agents',
  'agent_tokens',
  'audit_events',
  'login_throttle',
  'users',
  'sessions',
  'bus_events',
  'bus_routes',
  'capsule_services',
  'action_definitions',
  'config_items',
  'health_reports',
  'commands',
  'command_results',
  'system_counters',
  'system_settings',
  'registration_tokens',
  'workspaces',
];

const UP: readonly string[] = [
  `CREATE TABLE "agents" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40) NOT NULL, "code" text NOT NULL, "name" text, "mode" text NOT NULL DEFAULT 'embedded', "runtime" text, "version" text, "hostname" text, "sdkVersion" text, "status" text NOT NULL DEFAULT 'PENDING', "lastHeartbeatAt" character varying(24), "disabledAt" character varying(24), "revokedAt" character varying(24), "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "PK_9c653f28ae19c5884d5baf6a1d9" PRIMARY KEY ("id"))`,
  `CREATE INDEX "idx_agents_heartbeat" ON "agents" ("lastHeartbeatAt")`,
  `CREATE INDEX "idx_agents_ws_created" ON "agents" ("workspaceId", "createdAt")`,
  `CREATE INDEX "idx_agents_ws_status" ON "agents" ("workspaceId", "status")`,
  `CREATE UNIQUE INDEX "uq_agents_ws_code" ON "agents" ("workspaceId", "code")`,
  `CREATE TABLE "agent_tokens" ("id" character varying(40) NOT NULL, "agentId" character varying(40) NOT NULL, "tokenHash" text NOT NULL, "name" text, "status" text NOT NULL DEFAULT 'ACTIVE', "lastUsedAt" character varying(24), "revokedAt" character varying(24), "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "UQ_c6fc51dd0c7280ae99578e2bb9c" UNIQUE ("tokenHash"), CONSTRAINT "PK_bb0efa1218b9454920a6d7e2500" PRIMARY KEY ("id"))`,
  `CREATE INDEX "idx_agent_tokens_status_revoked" ON "agent_tokens" ("status", "revokedAt")`,
  `CREATE INDEX "idx_agent_tokens_agent_status" ON "agent_tokens" ("agentId", "status")`,
  `CREATE TABLE "audit_events" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40) NOT NULL, "actorType" text NOT NULL, "actorId" text, "action" text NOT NULL, "targetType" text, "targetId" text, "result" text NOT NULL, "message" text, "ipAddress" text, "userAgent" text, "metadataJson" text NOT NULL DEFAULT '{}', "createdAt" character varying(24) NOT NULL, CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
  `CREATE INDEX "idx_audit_ws_actor_type_created" ON "audit_events" ("workspaceId", "actorType", "createdAt")`,
  `CREATE INDEX "idx_audit_ws_result_created" ON "audit_events" ("workspaceId", "result", "createdAt")`,
  `CREATE INDEX "idx_audit_ws_action_actor_created" ON "audit_events" ("workspaceId", "action", "actorType", "createdAt")`,
  `CREATE INDEX "idx_audit_created" ON "audit_events" ("createdAt")`,
  `CREATE INDEX "idx_audit_action_created" ON "audit_events" ("action", "createdAt")`,
  `CREATE INDEX "idx_audit_target" ON "audit_events" ("targetType", "targetId", "createdAt")`,
  `CREATE INDEX "idx_audit_actor" ON "audit_events" ("actorType", "actorId", "createdAt")`,
  `CREATE INDEX "idx_audit_ws_created" ON "audit_events" ("workspaceId", "createdAt")`,
  `CREATE TABLE "login_throttle" ("key" character varying(64) NOT NULL, "windowStart" character varying(24) NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key"))`,
  `CREATE TABLE "users" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40) NOT NULL, "username" text NOT NULL, "usernameKey" text NOT NULL, "passwordHash" text NOT NULL, "displayName" text, "role" text NOT NULL DEFAULT 'viewer', "status" text NOT NULL DEFAULT 'ACTIVE', "lastLoginAt" character varying(24), "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "uq_users_username_key" ON "users" ("usernameKey")`,
  `CREATE INDEX "idx_users_workspace_created" ON "users" ("workspaceId", "createdAt")`,
  `CREATE TABLE "sessions" ("id" character varying(40) NOT NULL, "userId" character varying(40) NOT NULL, "idHash" text NOT NULL, "expiresAt" character varying(24) NOT NULL, "ipAddress" text, "userAgent" text, "createdAt" character varying(24) NOT NULL, CONSTRAINT "UQ_be5683b29057c1a5a1947a3349c" UNIQUE ("idHash"), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
  `CREATE INDEX "idx_sessions_expires" ON "sessions" ("expiresAt")`,
  `CREATE INDEX "idx_sessions_user" ON "sessions" ("userId")`,
  `CREATE TABLE "bus_events" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40) NOT NULL, "agentId" character varying(40) NOT NULL, "serviceId" character varying(40), "serviceCode" text NOT NULL, "eventType" text NOT NULL, "payloadJson" text NOT NULL DEFAULT '{}', "metadataJson" text NOT NULL DEFAULT '{}', "correlationId" text, "causationId" text, "depth" integer NOT NULL DEFAULT '0', "occurredAt" character varying(24) NOT NULL, "acceptedAt" character varying(24) NOT NULL, "routeCount" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_d318d05bd2d316f3b2209f9431a" PRIMARY KEY ("id"))`,
  `CREATE INDEX "idx_bus_events_agent_accepted" ON "bus_events" ("agentId", "acceptedAt")`,
  `CREATE INDEX "idx_bus_events_type_service" ON "bus_events" ("eventType", "serviceCode")`,
  `CREATE INDEX "idx_bus_events_ws_accepted" ON "bus_events" ("workspaceId", "acceptedAt")`,
  `CREATE TABLE "bus_routes" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40) NOT NULL, "name" text NOT NULL, "description" text, "status" text NOT NULL DEFAULT 'DISABLED', "sourceServiceCode" text, "eventType" text NOT NULL, "targetServiceCode" text NOT NULL, "actionName" text NOT NULL, "inputMappingJson" text NOT NULL DEFAULT '{}', "metadataJson" text NOT NULL DEFAULT '{}', "createdByUserId" character varying(40), "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "PK_b403833325fdea274041973d7b5" PRIMARY KEY ("id"))`,
  `CREATE INDEX "idx_bus_routes_ws_created" ON "bus_routes" ("workspaceId", "createdAt")`,
  `CREATE INDEX "idx_bus_routes_match" ON "bus_routes" ("workspaceId", "status", "eventType", "sourceServiceCode")`,
  `CREATE TABLE "capsule_services" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40) NOT NULL, "agentId" character varying(40) NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "description" text, "version" text, "runtime" text, "status" text NOT NULL DEFAULT 'UNKNOWN', "healthStatus" text NOT NULL DEFAULT 'UNKNOWN', "healthMessage" text, "manifestJson" text NOT NULL DEFAULT '{}', "capabilitiesJson" text NOT NULL DEFAULT '[]', "eventsJson" text NOT NULL DEFAULT '[]', "reportFingerprint" text, "lastReportedAt" character varying(24), "lastHealthAt" character varying(24), "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "PK_5e096726b0a24e927ec7e7330b0" PRIMARY KEY ("id"))`,
  `CREATE INDEX "idx_capsule_services_health" ON "capsule_services" ("workspaceId", "healthStatus")`,
  `CREATE INDEX "idx_capsule_services_agent" ON "capsule_services" ("agentId")`,
  `CREATE INDEX "idx_capsule_services_ws_created" ON "capsule_services" ("workspaceId", "createdAt")`,
  `CREATE UNIQUE INDEX "uq_capsule_services_ws_code" ON "capsule_services" ("workspaceId", "code")`,
  `CREATE TABLE "action_definitions" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40) NOT NULL, "serviceId" character varying(40) NOT NULL, "name" text NOT NULL, "label" text NOT NULL, "description" text, "dangerLevel" text NOT NULL DEFAULT 'LOW', "requiresConfirmation" boolean NOT NULL DEFAULT false, "inputSchemaJson" text NOT NULL DEFAULT '{}', "resultSchemaJson" text NOT NULL DEFAULT '{}', "timeoutSeconds" integer, "enabled" boolean NOT NULL DEFAULT true, "hasPrepare" boolean, "metadataJson" text NOT NULL DEFAULT '{}', "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, "removedAt" character varying(24), CONSTRAINT "PK_9d448883dc527ce81126ab61528" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "uq_action_definitions_service_name" ON "action_definitions" ("serviceId", "name")`,
  `CREATE TABLE "config_items" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40) NOT NULL, "serviceId" character varying(40) NOT NULL, "configKey" text NOT NULL, "label" text, "type" text NOT NULL DEFAULT 'string', "source" text, "editable" boolean NOT NULL DEFAULT false, "sensitive" boolean NOT NULL DEFAULT false, "valuePreview" text, "defaultValue" text, "secretRef" text, "description" text, "metadataJson" text NOT NULL DEFAULT '{}', "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "PK_c223d8328eb8d4a08a3e28d96fa" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "uq_config_items_service_key" ON "config_items" ("serviceId", "configKey")`,
  `CREATE TABLE "health_reports" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40) NOT NULL, "serviceId" character varying(40) NOT NULL, "agentId" character varying(40) NOT NULL, "status" text NOT NULL, "message" text, "detailsJson" text NOT NULL DEFAULT '{}', "reportedAt" character varying(24) NOT NULL, "createdAt" character varying(24) NOT NULL, CONSTRAINT "PK_07fbf6b377e99e934bdfbb1643c" PRIMARY KEY ("id"))`,
  `CREATE INDEX "idx_health_reports_agent" ON "health_reports" ("agentId")`,
  `CREATE INDEX "idx_health_reports_service_reported" ON "health_reports" ("serviceId", "reportedAt")`,
  `CREATE TABLE "commands" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40) NOT NULL, "agentId" character varying(40) NOT NULL, "serviceId" character varying(40) NOT NULL, "type" text NOT NULL DEFAULT 'ACTION_EXECUTE', "actionName" text NOT NULL, "status" text NOT NULL DEFAULT 'PENDING', "payloadJson" text NOT NULL DEFAULT '{}', "sealedPayload" text, "createdByUserId" character varying(40), "createdByType" text NOT NULL DEFAULT 'USER', "createdById" text, "retryOfCommandId" character varying(40), "errorCode" text, "errorMessage" text, "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, "startedAt" character varying(24), "completedAt" character varying(24), "expiresAt" character varying(24), "cancelNotifiedAt" character varying(24), CONSTRAINT "PK_7ac292c3aa19300482b2b190d1e" PRIMARY KEY ("id"))`,
  `CREATE INDEX "idx_commands_type_created" ON "commands" ("type", "createdAt")`,
  `CREATE INDEX "idx_commands_agent_created" ON "commands" ("agentId", "createdAt")`,
  `CREATE INDEX "idx_commands_status_created" ON "commands" ("status", "createdAt")`,
  `CREATE INDEX "idx_commands_created" ON "commands" ("createdAt")`,
  `CREATE INDEX "idx_commands_action_created" ON "commands" ("actionName", "createdAt")`,
  `CREATE INDEX "idx_commands_status_expires" ON "commands" ("status", "expiresAt")`,
  `CREATE INDEX "idx_commands_service_created" ON "commands" ("serviceId", "createdAt")`,
  `CREATE INDEX "idx_commands_agent_status" ON "commands" ("agentId", "status", "createdAt")`,
  `CREATE INDEX "idx_commands_ws_status" ON "commands" ("workspaceId", "status")`,
  `CREATE INDEX "idx_commands_ws_created" ON "commands" ("workspaceId", "createdAt")`,
  `CREATE TABLE "command_results" ("id" character varying(40) NOT NULL, "commandId" character varying(40) NOT NULL, "agentId" character varying(40) NOT NULL, "success" boolean NOT NULL DEFAULT false, "message" text, "dataJson" text NOT NULL DEFAULT '{}', "errorJson" text NOT NULL DEFAULT '{}', "sealedData" text, "sealedExpiresAt" character varying(24), "revealedAt" character varying(24), "revealedByUserId" character varying(40), "durationMs" integer, "startedAt" character varying(24), "finishedAt" character varying(24), "reportedAt" character varying(24) NOT NULL, "createdAt" character varying(24) NOT NULL, CONSTRAINT "REL_84db79036911e0a37cda2149ae" UNIQUE ("commandId"), CONSTRAINT "PK_9407851acc61d7b873fb1dbaa80" PRIMARY KEY ("id"))`,
  `CREATE INDEX "idx_command_results_sealed_expires" ON "command_results" ("sealedExpiresAt")`,
  `CREATE INDEX "idx_command_results_agent_reported" ON "command_results" ("agentId", "reportedAt")`,
  `CREATE TABLE "system_counters" ("key" character varying(80) NOT NULL, "value" integer NOT NULL DEFAULT '0', "updatedAt" character varying(24) NOT NULL, CONSTRAINT "PK_2d416e8f67766ed1e6254918de9" PRIMARY KEY ("key"))`,
  `CREATE TABLE "system_settings" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40), "key" text NOT NULL, "valueJson" text NOT NULL, "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "PK_82521f08790d248b2a80cc85d40" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "uq_system_settings_ws_key" ON "system_settings" ("workspaceId", "key")`,
  `CREATE TABLE "registration_tokens" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40) NOT NULL, "name" text NOT NULL, "tokenHash" text NOT NULL, "status" text NOT NULL DEFAULT 'ACTIVE', "agentCode" text, "agentId" character varying(40), "createdByUserId" character varying(40), "expiresAt" character varying(24), "usedAt" character varying(24), "revokedAt" character varying(24), "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "UQ_415dcf54f7591b45abee6eb3d3b" UNIQUE ("tokenHash"), CONSTRAINT "PK_f99849be0c4520e14d10c53557c" PRIMARY KEY ("id"))`,
  `CREATE INDEX "idx_registration_tokens_expires" ON "registration_tokens" ("status", "expiresAt")`,
  `CREATE INDEX "idx_registration_tokens_ws_status" ON "registration_tokens" ("workspaceId", "status", "createdAt")`,
  `CREATE TABLE "workspaces" ("id" character varying(40) NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "status" text NOT NULL DEFAULT 'ACTIVE', "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "UQ_d3fe9fbf2cec194b3fcf7c03b3b" UNIQUE ("code"), CONSTRAINT "PK_098656ae401f3e1a4586f47fd8e" PRIMARY KEY ("id"))`,
  `ALTER TABLE "agent_tokens" ADD CONSTRAINT "FK_6dc4f8f1b70439239d5910e715b" FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "sessions" ADD CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "capsule_services" ADD CONSTRAINT "FK_77356b73859507cb761a6d98db2" FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "action_definitions" ADD CONSTRAINT "FK_40f7b88abb2ac9f53b237718565" FOREIGN KEY ("serviceId") REFERENCES "capsule_services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "config_items" ADD CONSTRAINT "FK_db976538047a73b065ea0fd0579" FOREIGN KEY ("serviceId") REFERENCES "capsule_services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "health_reports" ADD CONSTRAINT "FK_018245ee7d6d8a4723b018fba38" FOREIGN KEY ("serviceId") REFERENCES "capsule_services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "commands" ADD CONSTRAINT "FK_2e44d16252b38ca182a8a06c497" FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "commands" ADD CONSTRAINT "FK_8a329bce789c3ec58110fc5221f" FOREIGN KEY ("serviceId") REFERENCES "capsule_services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "command_results" ADD CONSTRAINT "FK_84db79036911e0a37cda2149aea" FOREIGN KEY ("commandId") REFERENCES "commands"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
];
