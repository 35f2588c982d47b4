import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764300000000 implements MigrationInterface {
  name = 'Init1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agents" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "code" text NOT NULL, "name" text, "mode" text NOT NULL DEFAULT ('embedded'), "runtime" text, "version" text, "hostname" text, "sdkVersion" text, "status" text NOT NULL DEFAULT ('PENDING'), "lastHeartbeatAt" varchar(24), "disabledAt" varchar(24), "revokedAt" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_agents_heartbeat" ON "agents" ("lastHeartbeatAt") `);
    await queryRunner.query(`CREATE INDEX "idx_agents_ws_created" ON "agents" ("workspaceId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "idx_agents_ws_status" ON "agents" ("workspaceId", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agents_ws_code" ON "agents" ("workspaceId", "code") `);
    await queryRunner.query(
      `CREATE TABLE "agent_tokens" ("id" varchar(40) PRIMARY KEY NOT NULL, "agentId" varchar(40) NOT NULL, "tokenHash" text NOT NULL, "name" text, "status" text NOT NULL DEFAULT ('ACTIVE'), "lastUsedAt" varchar(24), "revokedAt" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, CONSTRAINT "UQ_c6fc51dd0c7280ae99578e2bb9c" UNIQUE ("tokenHash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_agent_tokens_status_revoked" ON "agent_tokens" ("status", "revokedAt") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_agent_tokens_agent_status" ON "agent_tokens" ("agentId", "status") `);
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "actorType" text NOT NULL, "actorId" text, "action" text NOT NULL, "targetType" text, "targetId" text, "result" text NOT NULL, "message" text, "ipAddress" text, "userAgent" text, "metadataJson" text NOT NULL DEFAULT ('{}'), "createdAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_audit_created" ON "audit_events" ("createdAt") `);
    await queryRunner.query(`CREATE INDEX "idx_audit_action_created" ON "audit_events" ("action", "createdAt") `);
    await queryRunner.query(
      `CREATE INDEX "idx_audit_target" ON "audit_events" ("targetType", "targetId", "createdAt") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_audit_actor" ON "audit_events" ("actorType", "actorId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "idx_audit_ws_created" ON "audit_events" ("workspaceId", "createdAt") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "username" text NOT NULL, "passwordHash" text NOT NULL, "displayName" text, "role" text NOT NULL DEFAULT ('viewer'), "status" text NOT NULL DEFAULT ('ACTIVE'), "lastLoginAt" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_users_workspace_created" ON "users" ("workspaceId", "createdAt") `);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" varchar(40) PRIMARY KEY NOT NULL, "userId" varchar(40) NOT NULL, "idHash" text NOT NULL, "csrfToken" text NOT NULL, "expiresAt" varchar(24) NOT NULL, "ipAddress" text, "userAgent" text, "createdAt" varchar(24) NOT NULL, CONSTRAINT "UQ_be5683b29057c1a5a1947a3349c" UNIQUE ("idHash"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_sessions_expires" ON "sessions" ("expiresAt") `);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(
      `CREATE TABLE "bus_events" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "agentId" varchar(40) NOT NULL, "serviceId" varchar(40), "serviceCode" text NOT NULL, "eventType" text NOT NULL, "payloadJson" text NOT NULL DEFAULT ('{}'), "metadataJson" text NOT NULL DEFAULT ('{}'), "correlationId" text, "causationId" text, "depth" integer NOT NULL DEFAULT (0), "occurredAt" varchar(24) NOT NULL, "acceptedAt" varchar(24) NOT NULL, "routeCount" integer NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_bus_events_agent_accepted" ON "bus_events" ("agentId", "acceptedAt") `);
    await queryRunner.query(`CREATE INDEX "idx_bus_events_type_service" ON "bus_events" ("eventType", "serviceCode") `);
    await queryRunner.query(`CREATE INDEX "idx_bus_events_ws_accepted" ON "bus_events" ("workspaceId", "acceptedAt") `);
    await queryRunner.query(
      `CREATE TABLE "bus_routes" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "name" text NOT NULL, "description" text, "status" text NOT NULL DEFAULT ('DISABLED'), "sourceServiceCode" text, "eventType" text NOT NULL, "targetServiceCode" text NOT NULL, "actionName" text NOT NULL, "inputMappingJson" text NOT NULL DEFAULT ('{}'), "metadataJson" text NOT NULL DEFAULT ('{}'), "createdByUserId" varchar(40), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_bus_routes_ws_created" ON "bus_routes" ("workspaceId", "createdAt") `);
    await queryRunner.query(
      `CREATE INDEX "idx_bus_routes_match" ON "bus_routes" ("workspaceId", "status", "eventType", "sourceServiceCode") `,
    );
    await queryRunner.query(
      `CREATE TABLE "capsule_services" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "agentId" varchar(40) NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "description" text, "version" text, "runtime" text, "status" text NOT NULL DEFAULT ('UNKNOWN'), "healthStatus" text NOT NULL DEFAULT ('UNKNOWN'), "healthMessage" text, "manifestJson" text NOT NULL DEFAULT ('{}'), "capabilitiesJson" text NOT NULL DEFAULT ('[]'), "eventsJson" text NOT NULL DEFAULT ('[]'), "reportFingerprint" text, "lastReportedAt" varchar(24), "lastHealthAt" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_capsule_services_health" ON "capsule_services" ("workspaceId", "healthStatus") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_capsule_services_agent" ON "capsule_services" ("agentId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_capsule_services_ws_created" ON "capsule_services" ("workspaceId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_capsule_services_ws_code" ON "capsule_services" ("workspaceId", "code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "action_definitions" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "name" text NOT NULL, "label" text NOT NULL, "description" text, "dangerLevel" text NOT NULL DEFAULT ('LOW'), "requiresConfirmation" boolean NOT NULL DEFAULT (0), "inputSchemaJson" text NOT NULL DEFAULT ('{}'), "resultSchemaJson" text NOT NULL DEFAULT ('{}'), "timeoutSeconds" integer, "enabled" boolean NOT NULL DEFAULT (1), "hasPrepare" boolean NOT NULL DEFAULT (0), "metadataJson" text NOT NULL DEFAULT ('{}'), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_action_definitions_service_name" ON "action_definitions" ("serviceId", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "config_items" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "configKey" text NOT NULL, "label" text, "type" text NOT NULL DEFAULT ('string'), "source" text, "editable" boolean NOT NULL DEFAULT (0), "sensitive" boolean NOT NULL DEFAULT (0), "valuePreview" text, "defaultValue" text, "secretRef" text, "description" text, "metadataJson" text NOT NULL DEFAULT ('{}'), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_config_items_service_key" ON "config_items" ("serviceId", "configKey") `,
    );
    await queryRunner.query(
      `CREATE TABLE "health_reports" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "agentId" varchar(40) NOT NULL, "status" text NOT NULL, "message" text, "detailsJson" text NOT NULL DEFAULT ('{}'), "reportedAt" varchar(24) NOT NULL, "createdAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_health_reports_agent" ON "health_reports" ("agentId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_health_reports_service_reported" ON "health_reports" ("serviceId", "reportedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "commands" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "agentId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "type" text NOT NULL DEFAULT ('ACTION_EXECUTE'), "actionName" text NOT NULL, "status" text NOT NULL DEFAULT ('PENDING'), "payloadJson" text NOT NULL DEFAULT ('{}'), "sealedPayload" text, "createdByUserId" varchar(40), "createdByType" text NOT NULL DEFAULT ('USER'), "createdById" text, "retryOfCommandId" varchar(40), "errorCode" text, "errorMessage" text, "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, "startedAt" varchar(24), "completedAt" varchar(24), "expiresAt" varchar(24), "cancelNotifiedAt" varchar(24))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_commands_action_created" ON "commands" ("actionName", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "idx_commands_status_expires" ON "commands" ("status", "expiresAt") `);
    await queryRunner.query(`CREATE INDEX "idx_commands_service_created" ON "commands" ("serviceId", "createdAt") `);
    await queryRunner.query(
      `CREATE INDEX "idx_commands_agent_status" ON "commands" ("agentId", "status", "createdAt") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_commands_ws_status" ON "commands" ("workspaceId", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_commands_ws_created" ON "commands" ("workspaceId", "createdAt") `);
    await queryRunner.query(
      `CREATE TABLE "command_results" ("id" varchar(40) PRIMARY KEY NOT NULL, "commandId" varchar(40) NOT NULL, "agentId" varchar(40) NOT NULL, "success" boolean NOT NULL DEFAULT (0), "message" text, "dataJson" text NOT NULL DEFAULT ('{}'), "errorJson" text NOT NULL DEFAULT ('{}'), "sealedData" text, "sealedExpiresAt" varchar(24), "revealedAt" varchar(24), "revealedByUserId" varchar(40), "durationMs" integer, "startedAt" varchar(24), "finishedAt" varchar(24), "reportedAt" varchar(24) NOT NULL, "createdAt" varchar(24) NOT NULL, CONSTRAINT "REL_84db79036911e0a37cda2149ae" UNIQUE ("commandId"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_command_results_sealed_expires" ON "command_results" ("sealedExpiresAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_command_results_agent_reported" ON "command_results" ("agentId", "reportedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "system_counters" ("key" varchar(80) PRIMARY KEY NOT NULL, "value" integer NOT NULL DEFAULT (0), "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "system_settings" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40), "key" text NOT NULL, "valueJson" text NOT NULL, "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_system_settings_ws_key" ON "system_settings" ("workspaceId", "key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "registration_tokens" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "name" text NOT NULL, "tokenHash" text NOT NULL, "status" text NOT NULL DEFAULT ('ACTIVE'), "agentCode" text, "agentId" varchar(40), "createdByUserId" varchar(40), "expiresAt" varchar(24), "usedAt" varchar(24), "revokedAt" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, CONSTRAINT "UQ_415dcf54f7591b45abee6eb3d3b" UNIQUE ("tokenHash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_registration_tokens_expires" ON "registration_tokens" ("status", "expiresAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_registration_tokens_ws_status" ON "registration_tokens" ("workspaceId", "status", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "workspaces" ("id" varchar(40) PRIMARY KEY NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "status" text NOT NULL DEFAULT ('ACTIVE'), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, CONSTRAINT "UQ_d3fe9fbf2cec194b3fcf7c03b3b" UNIQUE ("code"))`,
    );
    await queryRunner.query(`DROP INDEX "idx_agent_tokens_status_revoked"`);
    await queryRunner.query(`DROP INDEX "idx_agent_tokens_agent_status"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_agent_tokens" ("id" varchar(40) PRIMARY KEY NOT NULL, "agentId" varchar(40) NOT NULL, "tokenHash" text NOT NULL, "name" text, "status" text NOT NULL DEFAULT ('ACTIVE'), "lastUsedAt" varchar(24), "revokedAt" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, CONSTRAINT "UQ_c6fc51dd0c7280ae99578e2bb9c" UNIQUE ("tokenHash"), CONSTRAINT "FK_6dc4f8f1b70439239d5910e715b" FOREIGN KEY ("agentId") REFERENCES "agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_agent_tokens"("id", "agentId", "tokenHash", "name", "status", "lastUsedAt", "revokedAt", "createdAt", "updatedAt") SELECT "id", "agentId", "tokenHash", "name", "status", "lastUsedAt", "revokedAt", "createdAt", "updatedAt" FROM "agent_tokens"`,
    );
    await queryRunner.query(`DROP TABLE "agent_tokens"`);
    await queryRunner.query(`ALTER TABLE "temporary_agent_tokens" RENAME TO "agent_tokens"`);
    await queryRunner.query(
      `CREATE INDEX "idx_agent_tokens_status_revoked" ON "agent_tokens" ("status", "revokedAt") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_agent_tokens_agent_status" ON "agent_tokens" ("agentId", "status") `);
    await queryRunner.query(`DROP INDEX "idx_sessions_expires"`);
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_sessions" ("id" varchar(40) PRIMARY KEY NOT NULL, "userId" varchar(40) NOT NULL, "idHash" text NOT NULL, "csrfToken" text NOT NULL, "expiresAt" varchar(24) NOT NULL, "ipAddress" text, "userAgent" text, "createdAt" varchar(24) NOT NULL, CONSTRAINT "UQ_be5683b29057c1a5a1947a3349c" UNIQUE ("idHash"), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_sessions"("id", "userId", "idHash", "csrfToken", "expiresAt", "ipAddress", "userAgent", "createdAt") SELECT "id", "userId", "idHash", "csrfToken", "expiresAt", "ipAddress", "userAgent", "createdAt" FROM "sessions"`,
    );
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`ALTER TABLE "temporary_sessions" RENAME TO "sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_expires" ON "sessions" ("expiresAt") `);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`DROP INDEX "idx_capsule_services_health"`);
    await queryRunner.query(`DROP INDEX "idx_capsule_services_agent"`);
    await queryRunner.query(`DROP INDEX "idx_capsule_services_ws_created"`);
    await queryRunner.query(`DROP INDEX "uq_capsule_services_ws_code"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_capsule_services" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "agentId" varchar(40) NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "description" text, "version" text, "runtime" text, "status" text NOT NULL DEFAULT ('UNKNOWN'), "healthStatus" text NOT NULL DEFAULT ('UNKNOWN'), "healthMessage" text, "manifestJson" text NOT NULL DEFAULT ('{}'), "capabilitiesJson" text NOT NULL DEFAULT ('[]'), "eventsJson" text NOT NULL DEFAULT ('[]'), "reportFingerprint" text, "lastReportedAt" varchar(24), "lastHealthAt" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, CONSTRAINT "FK_77356b73859507cb761a6d98db2" FOREIGN KEY ("agentId") REFERENCES "agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_capsule_services"("id", "workspaceId", "agentId", "code", "name", "description", "version", "runtime", "status", "healthStatus", "healthMessage", "manifestJson", "capabilitiesJson", "eventsJson", "reportFingerprint", "lastReportedAt", "lastHealthAt", "createdAt", "updatedAt") SELECT "id", "workspaceId", "agentId", "code", "name", "description", "version", "runtime", "status", "healthStatus", "healthMessage", "manifestJson", "capabilitiesJson", "eventsJson", "reportFingerprint", "lastReportedAt", "lastHealthAt", "createdAt", "updatedAt" FROM "capsule_services"`,
    );
    await queryRunner.query(`DROP TABLE "capsule_services"`);
    await queryRunner.query(`ALTER TABLE "temporary_capsule_services" RENAME TO "capsule_services"`);
    await queryRunner.query(
      `CREATE INDEX "idx_capsule_services_health" ON "capsule_services" ("workspaceId", "healthStatus") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_capsule_services_agent" ON "capsule_services" ("agentId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_capsule_services_ws_created" ON "capsule_services" ("workspaceId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_capsule_services_ws_code" ON "capsule_services" ("workspaceId", "code") `,
    );
    await queryRunner.query(`DROP INDEX "uq_action_definitions_service_name"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_action_definitions" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "name" text NOT NULL, "label" text NOT NULL, "description" text, "dangerLevel" text NOT NULL DEFAULT ('LOW'), "requiresConfirmation" boolean NOT NULL DEFAULT (0), "inputSchemaJson" text NOT NULL DEFAULT ('{}'), "resultSchemaJson" text NOT NULL DEFAULT ('{}'), "timeoutSeconds" integer, "enabled" boolean NOT NULL DEFAULT (1), "hasPrepare" boolean NOT NULL DEFAULT (0), "metadataJson" text NOT NULL DEFAULT ('{}'), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, CONSTRAINT "FK_40f7b88abb2ac9f53b237718565" FOREIGN KEY ("serviceId") REFERENCES "capsule_services" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_action_definitions"("id", "workspaceId", "serviceId", "name", "label", "description", "dangerLevel", "requiresConfirmation", "inputSchemaJson", "resultSchemaJson", "timeoutSeconds", "enabled", "hasPrepare", "metadataJson", "createdAt", "updatedAt") SELECT "id", "workspaceId", "serviceId", "name", "label", "description", "dangerLevel", "requiresConfirmation", "inputSchemaJson", "resultSchemaJson", "timeoutSeconds", "enabled", "hasPrepare", "metadataJson", "createdAt", "updatedAt" FROM "action_definitions"`,
    );
    await queryRunner.query(`DROP TABLE "action_definitions"`);
    await queryRunner.query(`ALTER TABLE "temporary_action_definitions" RENAME TO "action_definitions"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_action_definitions_service_name" ON "action_definitions" ("serviceId", "name") `,
    );
    await queryRunner.query(`DROP INDEX "uq_config_items_service_key"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_config_items" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "configKey" text NOT NULL, "label" text, "type" text NOT NULL DEFAULT ('string'), "source" text, "editable" boolean NOT NULL DEFAULT (0), "sensitive" boolean NOT NULL DEFAULT (0), "valuePreview" text, "defaultValue" text, "secretRef" text, "description" text, "metadataJson" text NOT NULL DEFAULT ('{}'), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, CONSTRAINT "FK_db976538047a73b065ea0fd0579" FOREIGN KEY ("serviceId") REFERENCES "capsule_services" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_config_items"("id", "workspaceId", "serviceId", "configKey", "label", "type", "source", "editable", "sensitive", "valuePreview", "defaultValue", "secretRef", "description", "metadataJson", "createdAt", "updatedAt") SELECT "id", "workspaceId", "serviceId", "configKey", "label", "type", "source", "editable", "sensitive", "valuePreview", "defaultValue", "secretRef", "description", "metadataJson", "createdAt", "updatedAt" FROM "config_items"`,
    );
    await queryRunner.query(`DROP TABLE "config_items"`);
    await queryRunner.query(`ALTER TABLE "temporary_config_items" RENAME TO "config_items"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_config_items_service_key" ON "config_items" ("serviceId", "configKey") `,
    );
    await queryRunner.query(`DROP INDEX "idx_health_reports_agent"`);
    await queryRunner.query(`DROP INDEX "idx_health_reports_service_reported"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_health_reports" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "agentId" varchar(40) NOT NULL, "status" text NOT NULL, "message" text, "detailsJson" text NOT NULL DEFAULT ('{}'), "reportedAt" varchar(24) NOT NULL, "createdAt" varchar(24) NOT NULL, CONSTRAINT "FK_018245ee7d6d8a4723b018fba38" FOREIGN KEY ("serviceId") REFERENCES "capsule_services" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_health_reports"("id", "workspaceId", "serviceId", "agentId", "status", "message", "detailsJson", "reportedAt", "createdAt") SELECT "id", "workspaceId", "serviceId", "agentId", "status", "message", "detailsJson", "reportedAt", "createdAt" FROM "health_reports"`,
    );
    await queryRunner.query(`DROP TABLE "health_reports"`);
    await queryRunner.query(`ALTER TABLE "temporary_health_reports" RENAME TO "health_reports"`);
    await queryRunner.query(`CREATE INDEX "idx_health_reports_agent" ON "health_reports" ("agentId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_health_reports_service_reported" ON "health_reports" ("serviceId", "reportedAt") `,
    );
    await queryRunner.query(`DROP INDEX "idx_commands_action_created"`);
    await queryRunner.query(`DROP INDEX "idx_commands_status_expires"`);
    await queryRunner.query(`DROP INDEX "idx_commands_service_created"`);
    await queryRunner.query(`DROP INDEX "idx_commands_agent_status"`);
    await queryRunner.query(`DROP INDEX "idx_commands_ws_status"`);
    await queryRunner.query(`DROP INDEX "idx_commands_ws_created"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_commands" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "agentId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "type" text NOT NULL DEFAULT ('ACTION_EXECUTE'), "actionName" text NOT NULL, "status" text NOT NULL DEFAULT ('PENDING'), "payloadJson" text NOT NULL DEFAULT ('{}'), "sealedPayload" text, "createdByUserId" varchar(40), "createdByType" text NOT NULL DEFAULT ('USER'), "createdById" text, "retryOfCommandId" varchar(40), "errorCode" text, "errorMessage" text, "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, "startedAt" varchar(24), "completedAt" varchar(24), "expiresAt" varchar(24), "cancelNotifiedAt" varchar(24), CONSTRAINT "FK_2e44d16252b38ca182a8a06c497" FOREIGN KEY ("agentId") REFERENCES "agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_8a329bce789c3ec58110fc5221f" FOREIGN KEY ("serviceId") REFERENCES "capsule_services" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_commands"("id", "workspaceId", "agentId", "serviceId", "type", "actionName", "status", "payloadJson", "sealedPayload", "createdByUserId", "createdByType", "createdById", "retryOfCommandId", "errorCode", "errorMessage", "createdAt", "updatedAt", "startedAt", "completedAt", "expiresAt", "cancelNotifiedAt") SELECT "id", "workspaceId", "agentId", "serviceId", "type", "actionName", "status", "payloadJson", "sealedPayload", "createdByUserId", "createdByType", "createdById", "retryOfCommandId", "errorCode", "errorMessage", "createdAt", "updatedAt", "startedAt", "completedAt", "expiresAt", "cancelNotifiedAt" FROM "commands"`,
    );
    await queryRunner.query(`DROP TABLE "commands"`);
    await queryRunner.query(`ALTER TABLE "temporary_commands" RENAME TO "commands"`);
    await queryRunner.query(`CREATE INDEX "idx_commands_action_created" ON "commands" ("actionName", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "idx_commands_status_expires" ON "commands" ("status", "expiresAt") `);
    await queryRunner.query(`CREATE INDEX "idx_commands_service_created" ON "commands" ("serviceId", "createdAt") `);
    await queryRunner.query(
      `CREATE INDEX "idx_commands_agent_status" ON "commands" ("agentId", "status", "createdAt") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_commands_ws_status" ON "commands" ("workspaceId", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_commands_ws_created" ON "commands" ("workspaceId", "createdAt") `);
    await queryRunner.query(`DROP INDEX "idx_command_results_sealed_expires"`);
    await queryRunner.query(`DROP INDEX "idx_command_results_agent_reported"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_command_results" ("id" varchar(40) PRIMARY KEY NOT NULL, "commandId" varchar(40) NOT NULL, "agentId" varchar(40) NOT NULL, "success" boolean NOT NULL DEFAULT (0), "message" text, "dataJson" text NOT NULL DEFAULT ('{}'), "errorJson" text NOT NULL DEFAULT ('{}'), "sealedData" text, "sealedExpiresAt" varchar(24), "revealedAt" varchar(24), "revealedByUserId" varchar(40), "durationMs" integer, "startedAt" varchar(24), "finishedAt" varchar(24), "reportedAt" varchar(24) NOT NULL, "createdAt" varchar(24) NOT NULL, CONSTRAINT "REL_84db79036911e0a37cda2149ae" UNIQUE ("commandId"), CONSTRAINT "FK_84db79036911e0a37cda2149aea" FOREIGN KEY ("commandId") REFERENCES "commands" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_command_results"("id", "commandId", "agentId", "success", "message", "dataJson", "errorJson", "sealedData", "sealedExpiresAt", "revealedAt", "revealedByUserId", "durationMs", "startedAt", "finishedAt", "reportedAt", "createdAt") SELECT "id", "commandId", "agentId", "success", "message", "dataJson", "errorJson", "sealedData", "sealedExpiresAt", "revealedAt", "revealedByUserId", "durationMs", "startedAt", "finishedAt", "reportedAt", "createdAt" FROM "command_results"`,
    );
    await queryRunner.query(`DROP TABLE "command_results"`);
    await queryRunner.query(`ALTER TABLE "temporary_command_results" RENAME TO "command_results"`);
    await queryRunner.query(
      `CREATE INDEX "idx_command_results_sealed_expires" ON "command_results" ("sealedExpiresAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_command_results_agent_reported" ON "command_results" ("agentId", "reportedAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_command_results_agent_reported"`);
    await queryRunner.query(`DROP INDEX "idx_command_results_sealed_expires"`);
    await queryRunner.query(`ALTER TABLE "command_results" RENAME TO "temporary_command_results"`);
    await queryRunner.query(
      `CREATE TABLE "command_results" ("id" varchar(40) PRIMARY KEY NOT NULL, "commandId" varchar(40) NOT NULL, "agentId" varchar(40) NOT NULL, "success" boolean NOT NULL DEFAULT (0), "message" text, "dataJson" text NOT NULL DEFAULT ('{}'), "errorJson" text NOT NULL DEFAULT ('{}'), "sealedData" text, "sealedExpiresAt" varchar(24), "revealedAt" varchar(24), "revealedByUserId" varchar(40), "durationMs" integer, "startedAt" varchar(24), "finishedAt" varchar(24), "reportedAt" varchar(24) NOT NULL, "createdAt" varchar(24) NOT NULL, CONSTRAINT "REL_84db79036911e0a37cda2149ae" UNIQUE ("commandId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "command_results"("id", "commandId", "agentId", "success", "message", "dataJson", "errorJson", "sealedData", "sealedExpiresAt", "revealedAt", "revealedByUserId", "durationMs", "startedAt", "finishedAt", "reportedAt", "createdAt") SELECT "id", "commandId", "agentId", "success", "message", "dataJson", "errorJson", "sealedData", "sealedExpiresAt", "revealedAt", "revealedByUserId", "durationMs", "startedAt", "finishedAt", "reportedAt", "createdAt" FROM "temporary_command_results"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_command_results"`);
    await queryRunner.query(
      `CREATE INDEX "idx_command_results_agent_reported" ON "command_results" ("agentId", "reportedAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_command_results_sealed_expires" ON "command_results" ("sealedExpiresAt") `,
    );
    await queryRunner.query(`DROP INDEX "idx_commands_ws_created"`);
    await queryRunner.query(`DROP INDEX "idx_commands_ws_status"`);
    await queryRunner.query(`DROP INDEX "idx_commands_agent_status"`);
    await queryRunner.query(`DROP INDEX "idx_commands_service_created"`);
    await queryRunner.query(`DROP INDEX "idx_commands_status_expires"`);
    await queryRunner.query(`DROP INDEX "idx_commands_action_created"`);
    await queryRunner.query(`ALTER TABLE "commands" RENAME TO "temporary_commands"`);
    await queryRunner.query(
      `CREATE TABLE "commands" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "agentId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "type" text NOT NULL DEFAULT ('ACTION_EXECUTE'), "actionName" text NOT NULL, "status" text NOT NULL DEFAULT ('PENDING'), "payloadJson" text NOT NULL DEFAULT ('{}'), "sealedPayload" text, "createdByUserId" varchar(40), "createdByType" text NOT NULL DEFAULT ('USER'), "createdById" text, "retryOfCommandId" varchar(40), "errorCode" text, "errorMessage" text, "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, "startedAt" varchar(24), "completedAt" varchar(24), "expiresAt" varchar(24), "cancelNotifiedAt" varchar(24))`,
    );
    await queryRunner.query(
      `INSERT INTO "commands"("id", "workspaceId", "agentId", "serviceId", "type", "actionName", "status", "payloadJson", "sealedPayload", "createdByUserId", "createdByType", "createdById", "retryOfCommandId", "errorCode", "errorMessage", "createdAt", "updatedAt", "startedAt", "completedAt", "expiresAt", "cancelNotifiedAt") SELECT "id", "workspaceId", "agentId", "serviceId", "type", "actionName", "status", "payloadJson", "sealedPayload", "createdByUserId", "createdByType", "createdById", "retryOfCommandId", "errorCode", "errorMessage", "createdAt", "updatedAt", "startedAt", "completedAt", "expiresAt", "cancelNotifiedAt" FROM "temporary_commands"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_commands"`);
    await queryRunner.query(`CREATE INDEX "idx_commands_ws_created" ON "commands" ("workspaceId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "idx_commands_ws_status" ON "commands" ("workspaceId", "status") `);
    await queryRunner.query(
      `CREATE INDEX "idx_commands_agent_status" ON "commands" ("agentId", "status", "createdAt") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_commands_service_created" ON "commands" ("serviceId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "idx_commands_status_expires" ON "commands" ("status", "expiresAt") `);
    await queryRunner.query(`CREATE INDEX "idx_commands_action_created" ON "commands" ("actionName", "createdAt") `);
    await queryRunner.query(`DROP INDEX "idx_health_reports_service_reported"`);
    await queryRunner.query(`DROP INDEX "idx_health_reports_agent"`);
    await queryRunner.query(`ALTER TABLE "health_reports" RENAME TO "temporary_health_reports"`);
    await queryRunner.query(
      `CREATE TABLE "health_reports" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "agentId" varchar(40) NOT NULL, "status" text NOT NULL, "message" text, "detailsJson" text NOT NULL DEFAULT ('{}'), "reportedAt" varchar(24) NOT NULL, "createdAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "health_reports"("id", "workspaceId", "serviceId", "agentId", "status", "message", "detailsJson", "reportedAt", "createdAt") SELECT "id", "workspaceId", "serviceId", "agentId", "status", "message", "detailsJson", "reportedAt", "createdAt" FROM "temporary_health_reports"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_health_reports"`);
    await queryRunner.query(
      `CREATE INDEX "idx_health_reports_service_reported" ON "health_reports" ("serviceId", "reportedAt") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_health_reports_agent" ON "health_reports" ("agentId") `);
    await queryRunner.query(`DROP INDEX "uq_config_items_service_key"`);
    await queryRunner.query(`ALTER TABLE "config_items" RENAME TO "temporary_config_items"`);
    await queryRunner.query(
      `CREATE TABLE "config_items" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "configKey" text NOT NULL, "label" text, "type" text NOT NULL DEFAULT ('string'), "source" text, "editable" boolean NOT NULL DEFAULT (0), "sensitive" boolean NOT NULL DEFAULT (0), "valuePreview" text, "defaultValue" text, "secretRef" text, "description" text, "metadataJson" text NOT NULL DEFAULT ('{}'), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "config_items"("id", "workspaceId", "serviceId", "configKey", "label", "type", "source", "editable", "sensitive", "valuePreview", "defaultValue", "secretRef", "description", "metadataJson", "createdAt", "updatedAt") SELECT "id", "workspaceId", "serviceId", "configKey", "label", "type", "source", "editable", "sensitive", "valuePreview", "defaultValue", "secretRef", "description", "metadataJson", "createdAt", "updatedAt" FROM "temporary_config_items"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_config_items"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_config_items_service_key" ON "config_items" ("serviceId", "configKey") `,
    );
    await queryRunner.query(`DROP INDEX "uq_action_definitions_service_name"`);
    await queryRunner.query(`ALTER TABLE "action_definitions" RENAME TO "temporary_action_definitions"`);
    await queryRunner.query(
      `CREATE TABLE "action_definitions" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "name" text NOT NULL, "label" text NOT NULL, "description" text, "dangerLevel" text NOT NULL DEFAULT ('LOW'), "requiresConfirmation" boolean NOT NULL DEFAULT (0), "inputSchemaJson" text NOT NULL DEFAULT ('{}'), "resultSchemaJson" text NOT NULL DEFAULT ('{}'), "timeoutSeconds" integer, "enabled" boolean NOT NULL DEFAULT (1), "hasPrepare" boolean NOT NULL DEFAULT (0), "metadataJson" text NOT NULL DEFAULT ('{}'), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "action_definitions"("id", "workspaceId", "serviceId", "name", "label", "description", "dangerLevel", "requiresConfirmation", "inputSchemaJson", "resultSchemaJson", "timeoutSeconds", "enabled", "hasPrepare", "metadataJson", "createdAt", "updatedAt") SELECT "id", "workspaceId", "serviceId", "name", "label", "description", "dangerLevel", "requiresConfirmation", "inputSchemaJson", "resultSchemaJson", "timeoutSeconds", "enabled", "hasPrepare", "metadataJson", "createdAt", "updatedAt" FROM "temporary_action_definitions"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_action_definitions"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_action_definitions_service_name" ON "action_definitions" ("serviceId", "name") `,
    );
    await queryRunner.query(`DROP INDEX "uq_capsule_services_ws_code"`);
    await queryRunner.query(`DROP INDEX "idx_capsule_services_ws_created"`);
    await queryRunner.query(`DROP INDEX "idx_capsule_services_agent"`);
    await queryRunner.query(`DROP INDEX "idx_capsule_services_health"`);
    await queryRunner.query(`ALTER TABLE "capsule_services" RENAME TO "temporary_capsule_services"`);
    await queryRunner.query(
      `CREATE TABLE "capsule_services" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "agentId" varchar(40) NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "description" text, "version" text, "runtime" text, "status" text NOT NULL DEFAULT ('UNKNOWN'), "healthStatus" text NOT NULL DEFAULT ('UNKNOWN'), "healthMessage" text, "manifestJson" text NOT NULL DEFAULT ('{}'), "capabilitiesJson" text NOT NULL DEFAULT ('[]'), "eventsJson" text NOT NULL DEFAULT ('[]'), "reportFingerprint" text, "lastReportedAt" varchar(24), "lastHealthAt" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "capsule_services"("id", "workspaceId", "agentId", "code", "name", "description", "version", "runtime", "status", "healthStatus", "healthMessage", "manifestJson", "capabilitiesJson", "eventsJson", "reportFingerprint", "lastReportedAt", "lastHealthAt", "createdAt", "updatedAt") SELECT "id", "workspaceId", "agentId", "code", "name", "description", "version", "runtime", "status", "healthStatus", "healthMessage", "manifestJson", "capabilitiesJson", "eventsJson", "reportFingerprint", "lastReportedAt", "lastHealthAt", "createdAt", "updatedAt" FROM "temporary_capsule_services"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_capsule_services"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_capsule_services_ws_code" ON "capsule_services" ("workspaceId", "code") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_capsule_services_ws_created" ON "capsule_services" ("workspaceId", "createdAt") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_capsule_services_agent" ON "capsule_services" ("agentId") `);
    await queryRunner.query(
      `CREATE INDEX "idx_capsule_services_health" ON "capsule_services" ("workspaceId", "healthStatus") `,
    );
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(`DROP INDEX "idx_sessions_expires"`);
    await queryRunner.query(`ALTER TABLE "sessions" RENAME TO "temporary_sessions"`);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" varchar(40) PRIMARY KEY NOT NULL, "userId" varchar(40) NOT NULL, "idHash" text NOT NULL, "csrfToken" text NOT NULL, "expiresAt" varchar(24) NOT NULL, "ipAddress" text, "userAgent" text, "createdAt" varchar(24) NOT NULL, CONSTRAINT "UQ_be5683b29057c1a5a1947a3349c" UNIQUE ("idHash"))`,
    );
    await queryRunner.query(
      `INSERT INTO "sessions"("id", "userId", "idHash", "csrfToken", "expiresAt", "ipAddress", "userAgent", "createdAt") SELECT "id", "userId", "idHash", "csrfToken", "expiresAt", "ipAddress", "userAgent", "createdAt" FROM "temporary_sessions"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`CREATE INDEX "idx_sessions_expires" ON "sessions" ("expiresAt") `);
    await queryRunner.query(`DROP INDEX "idx_agent_tokens_agent_status"`);
    await queryRunner.query(`DROP INDEX "idx_agent_tokens_status_revoked"`);
    await queryRunner.query(`ALTER TABLE "agent_tokens" RENAME TO "temporary_agent_tokens"`);
    await queryRunner.query(
      `CREATE TABLE "agent_tokens" ("id" varchar(40) PRIMARY KEY NOT NULL, "agentId" varchar(40) NOT NULL, "tokenHash" text NOT NULL, "name" text, "status" text NOT NULL DEFAULT ('ACTIVE'), "lastUsedAt" varchar(24), "revokedAt" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, CONSTRAINT "UQ_c6fc51dd0c7280ae99578e2bb9c" UNIQUE ("tokenHash"))`,
    );
    await queryRunner.query(
      `INSERT INTO "agent_tokens"("id", "agentId", "tokenHash", "name", "status", "lastUsedAt", "revokedAt", "createdAt", "updatedAt") SELECT "id", "agentId", "tokenHash", "name", "status", "lastUsedAt", "revokedAt", "createdAt", "updatedAt" FROM "temporary_agent_tokens"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_agent_tokens"`);
    await queryRunner.query(`CREATE INDEX "idx_agent_tokens_agent_status" ON "agent_tokens" ("agentId", "status") `);
    await queryRunner.query(
      `CREATE INDEX "idx_agent_tokens_status_revoked" ON "agent_tokens" ("status", "revokedAt") `,
    );
    await queryRunner.query(`DROP TABLE "workspaces"`);
    await queryRunner.query(`DROP INDEX "idx_registration_tokens_ws_status"`);
    await queryRunner.query(`DROP INDEX "idx_registration_tokens_expires"`);
    await queryRunner.query(`DROP TABLE "registration_tokens"`);
    await queryRunner.query(`DROP INDEX "uq_system_settings_ws_key"`);
    await queryRunner.query(`DROP TABLE "system_settings"`);
    await queryRunner.query(`DROP TABLE "system_counters"`);
    await queryRunner.query(`DROP INDEX "idx_command_results_agent_reported"`);
    await queryRunner.query(`DROP INDEX "idx_command_results_sealed_expires"`);
    await queryRunner.query(`DROP TABLE "command_results"`);
    await queryRunner.query(`DROP INDEX "idx_commands_ws_created"`);
    await queryRunner.query(`DROP INDEX "idx_commands_ws_status"`);
    await queryRunner.query(`DROP INDEX "idx_commands_agent_status"`);
    await queryRunner.query(`DROP INDEX "idx_commands_service_created"`);
    await queryRunner.query(`DROP INDEX "idx_commands_status_expires"`);
    await queryRunner.query(`DROP INDEX "idx_commands_action_created"`);
    await queryRunner.query(`DROP TABLE "commands"`);
    await queryRunner.query(`DROP INDEX "idx_health_reports_service_reported"`);
    await queryRunner.query(`DROP INDEX "idx_health_reports_agent"`);
    await queryRunner.query(`DROP TABLE "health_reports"`);
    await queryRunner.query(`DROP INDEX "uq_config_items_service_key"`);
    await queryRunner.query(`DROP TABLE "config_items"`);
    await queryRunner.query(`DROP INDEX "uq_action_definitions_service_name"`);
    await queryRunner.query(`DROP TABLE "action_definitions"`);
    await queryRunner.query(`DROP INDEX "uq_capsule_services_ws_code"`);
    await queryRunner.query(`DROP INDEX "idx_capsule_services_ws_created"`);
    await queryRunner.query(`DROP INDEX "idx_capsule_services_agent"`);
    await queryRunner.query(`DROP INDEX "idx_capsule_services_health"`);
    await queryRunner.query(`DROP TABLE "capsule_services"`);
    await queryRunner.query(`DROP INDEX "idx_bus_routes_match"`);
    await queryRunner.query(`DROP INDEX "idx_bus_routes_ws_created"`);
    await queryRunner.query(`DROP TABLE "bus_routes"`);
    await queryRunner.query(`DROP INDEX "idx_bus_events_ws_accepted"`);
    await queryRunner.query(`DROP INDEX "idx_bus_events_type_service"`);
    await queryRunner.query(`DROP INDEX "idx_bus_events_agent_accepted"`);
    await queryRunner.query(`DROP TABLE "bus_events"`);
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(`DROP INDEX "idx_sessions_expires"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "idx_users_workspace_created"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "idx_audit_ws_created"`);
    await queryRunner.query(`DROP INDEX "idx_audit_actor"`);
    await queryRunner.query(`DROP INDEX "idx_audit_target"`);
    await queryRunner.query(`DROP INDEX "idx_audit_action_created"`);
    await queryRunner.query(`DROP INDEX "idx_audit_created"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP INDEX "idx_agent_tokens_agent_status"`);
    await queryRunner.query(`DROP INDEX "idx_agent_tokens_status_revoked"`);
    await queryRunner.query(`DROP TABLE "agent_tokens"`);
    await queryRunner.query(`DROP INDEX "uq_agents_ws_code"`);
    await queryRunner.query(`DROP INDEX "idx_agents_ws_status"`);
    await queryRunner.query(`DROP INDEX "idx_agents_ws_created"`);
    await queryRunner.query(`DROP INDEX "idx_agents_heartbeat"`);
    await queryRunner.query(`DROP TABLE "agents"`);
  }
}
