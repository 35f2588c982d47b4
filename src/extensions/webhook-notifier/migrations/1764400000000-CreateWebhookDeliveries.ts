import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The webhook notifier's delivery log (hand-written; mirrors WebhookDeliveryEntity). */
export class CreateWebhookDeliveries1764400000000 implements MigrationInterface {
  name = 'CreateWebhookDeliveries1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ext_webhook_notifier_deliveries" (` +
        `"id" varchar(40) PRIMARY KEY NOT NULL, "event" text NOT NULL, "status" text NOT NULL DEFAULT ('PENDING'), ` +
        `"attempts" integer NOT NULL DEFAULT (0), "responseStatus" integer, "lastError" text, "summary" text NOT NULL, "body" text NOT NULL, ` +
        `"createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, "deliveredAt" varchar(24))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_ext_webhook_notifier_deliveries_created" ON "ext_webhook_notifier_deliveries" ("createdAt")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_ext_webhook_notifier_deliveries_status" ON "ext_webhook_notifier_deliveries" ("status", "createdAt")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_ext_webhook_notifier_deliveries_status"`);
    await queryRunner.query(`DROP INDEX "idx_ext_webhook_notifier_deliveries_created"`);
    await queryRunner.query(`DROP TABLE "ext_webhook_notifier_deliveries"`);
  }
}
