import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification tables on PostgreSQL (docs/notifications.md): the same tables as the SQLite migration of the
 * same name, in plain PostgreSQL types.
 */
export class Notifications1764620000000 implements MigrationInterface {
  name = 'Notifications1764620000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_alerts" ("id" character varying(40) NOT NULL, "ruleId" character varying(40) NOT NULL, "event" text NOT NULL, "severity" text NOT NULL, "subjectType" text NOT NULL, "subjectId" character varying(40) NOT NULL, "subjectName" text NOT NULL, "state" text NOT NULL, "openKey" text, "openedAt" character varying(24) NOT NULL, "firedAt" character varying(24), "resolvedAt" character varying(24), "lastNotifiedAt" character varying(24), "reminderCount" integer NOT NULL DEFAULT '0', "updatedAt" character varying(24) NOT NULL, CONSTRAINT "PK_e628bbb3efb8effd69c59833174" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_notification_alerts_resolved" ON "notification_alerts" ("resolvedAt") `);
    await queryRunner.query(
      `CREATE INDEX "idx_notification_alerts_state" ON "notification_alerts" ("state", "openedAt") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notification_alerts_open" ON "notification_alerts" ("openKey") `);
    await queryRunner.query(
      `CREATE TABLE "notification_channels" ("id" character varying(40) NOT NULL, "name" text NOT NULL, "type" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "settingsJson" text NOT NULL DEFAULT '{}', "sealedSecrets" text, "status" text NOT NULL DEFAULT 'untested', "lastError" text, "lastDeliveryAt" character varying(24), "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "PK_3bc0cb5b60e8659f5fc859b2af0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_notification_channels_created" ON "notification_channels" ("createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_deliveries" ("id" character varying(40) NOT NULL, "channelId" character varying(40) NOT NULL, "alertId" character varying(40), "kind" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "lastError" text, "nextAttemptAt" character varying(24), "messageJson" text NOT NULL, "leaseOwner" text, "leaseUntil" character varying(24), "createdAt" character varying(24) NOT NULL, "sentAt" character varying(24), "updatedAt" character varying(24) NOT NULL, CONSTRAINT "PK_81daeff81f237bd384f7cfc4a4c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_notification_deliveries_created" ON "notification_deliveries" ("createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_notification_deliveries_channel" ON "notification_deliveries" ("channelId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_notification_deliveries_due" ON "notification_deliveries" ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_rules" ("id" character varying(40) NOT NULL, "name" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "eventsJson" text NOT NULL DEFAULT '[]', "channelIdsJson" text NOT NULL DEFAULT '[]', "labelsJson" text NOT NULL DEFAULT '[]', "minSeverity" text NOT NULL DEFAULT 'info', "delaySeconds" integer NOT NULL DEFAULT '0', "reminderMinutes" integer NOT NULL DEFAULT '0', "notifyRecovery" boolean NOT NULL DEFAULT true, "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "PK_eb87ba4f7f01eabf003fcf4e65c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_notification_rules_created" ON "notification_rules" ("createdAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_notification_rules_created"`);
    await queryRunner.query(`DROP TABLE "notification_rules"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notification_deliveries_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notification_deliveries_channel"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notification_deliveries_created"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notification_channels_created"`);
    await queryRunner.query(`DROP TABLE "notification_channels"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notification_alerts_open"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notification_alerts_state"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notification_alerts_resolved"`);
    await queryRunner.query(`DROP TABLE "notification_alerts"`);
  }
}
