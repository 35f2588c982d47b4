import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which replica holds a PENDING delivery, and until when (hand-written; mirrors
 * WebhookDeliveryEntity): a replica sends only what it holds, so two replicas never send one
 * delivery. Nullable columns added in place; the same SQL on SQLite and PostgreSQL.
 */
export class WebhookDeliveryLeases1764410000001 implements MigrationInterface {
  name = 'WebhookDeliveryLeases1764410000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ext_webhook_notifier_deliveries" ADD COLUMN "holder" varchar(40)`);
    await queryRunner.query(`ALTER TABLE "ext_webhook_notifier_deliveries" ADD COLUMN "leaseUntil" varchar(24)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ext_webhook_notifier_deliveries" DROP COLUMN "leaseUntil"`);
    await queryRunner.query(`ALTER TABLE "ext_webhook_notifier_deliveries" DROP COLUMN "holder"`);
  }
}
