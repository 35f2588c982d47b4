import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification channels, rules, alerts and the delivery outbox (docs/notifications.md). New tables only, so no
 * rebuild. `uq_notification_alerts_open` keeps one open alert per rule and subject (NULLs, the closed ones, never
 * collide); `idx_notification_deliveries_due` serves the outbox claim.
 */
export class Notifications1764620000000 implements MigrationInterface {
  name = 'Notifications1764620000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_alerts" ("id" varchar(40) PRIMARY KEY NOT NULL, "ruleId" varchar(40) NOT NULL, "event" text NOT NULL, "severity" text NOT NULL, "subjectType" text NOT NULL, "subjectId" varchar(40) NOT NULL, "subjectName" text NOT NULL, "state" text NOT NULL, "openKey" text, "openedAt" varchar(24) NOT NULL, "firedAt" varchar(24), "resolvedAt" varchar(24), "lastNotifiedAt" varchar(24), "reminderCount" integer NOT NULL DEFAULT (0), "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_notification_alerts_resolved" ON "notification_alerts" ("resolvedAt") `);
    await queryRunner.query(
      `CREATE INDEX "idx_notification_alerts_state" ON "notification_alerts" ("state", "openedAt") `,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notification_alerts_open" ON "notification_alerts" ("openKey") `);
    await queryRunner.query(
      `CREATE TABLE "notification_channels" ("id" varchar(40) PRIMARY KEY NOT NULL, "name" text NOT NULL, "type" text NOT NULL, "enabled" boolean NOT NULL DEFAULT (1), "settingsJson" text NOT NULL DEFAULT ('{}'), "sealedSecrets" text, "status" text NOT NULL DEFAULT ('untested'), "lastError" text, "lastDeliveryAt" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_notification_channels_created" ON "notification_channels" ("createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_deliveries" ("id" varchar(40) PRIMARY KEY NOT NULL, "channelId" varchar(40) NOT NULL, "alertId" varchar(40), "kind" text NOT NULL, "status" text NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "nextAttemptAt" varchar(24), "messageJson" text NOT NULL, "leaseOwner" text, "leaseUntil" varchar(24), "createdAt" varchar(24) NOT NULL, "sentAt" varchar(24), "updatedAt" varchar(24) NOT NULL)`,
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
      `CREATE TABLE "notification_rules" ("id" varchar(40) PRIMARY KEY NOT NULL, "name" text NOT NULL, "enabled" boolean NOT NULL DEFAULT (1), "eventsJson" text NOT NULL DEFAULT ('[]'), "channelIdsJson" text NOT NULL DEFAULT ('[]'), "labelsJson" text NOT NULL DEFAULT ('[]'), "minSeverity" text NOT NULL DEFAULT ('info'), "delaySeconds" integer NOT NULL DEFAULT (0), "reminderMinutes" integer NOT NULL DEFAULT (0), "notifyRecovery" boolean NOT NULL DEFAULT (1), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_notification_rules_created" ON "notification_rules" ("createdAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_notification_rules_created"`);
    await queryRunner.query(`DROP TABLE "notification_rules"`);
    await queryRunner.query(`DROP INDEX "idx_notification_deliveries_due"`);
    await queryRunner.query(`DROP INDEX "idx_notification_deliveries_channel"`);
    await queryRunner.query(`DROP INDEX "idx_notification_deliveries_created"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
    await queryRunner.query(`DROP INDEX "idx_notification_channels_created"`);
    await queryRunner.query(`DROP TABLE "notification_channels"`);
    await queryRunner.query(`DROP INDEX "uq_notification_alerts_open"`);
    await queryRunner.query(`DROP INDEX "idx_notification_alerts_state"`);
    await queryRunner.query(`DROP INDEX "idx_notification_alerts_resolved"`);
    await queryRunner.query(`DROP TABLE "notification_alerts"`);
  }
}
