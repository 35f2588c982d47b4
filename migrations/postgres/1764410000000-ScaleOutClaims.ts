import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL half of ScaleOutClaims (migrations/sqlite/1764410000000-ScaleOutClaims.ts):
 * `scheduled_slots`, one row per scheduled job run, and `agents.heartbeatAuditAt`, the last
 * claimed sampled heartbeat audit. Types and the primary key name as TypeORM derives them from the
 * entities, so the drift check finds nothing to change.
 */
export class ScaleOutClaims1764410000000 implements MigrationInterface {
  name = 'ScaleOutClaims1764410000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "scheduled_slots" ("job" character varying(64) NOT NULL, "slotStart" character varying(24) NOT NULL, "replicaId" text NOT NULL, "claimedAt" character varying(24) NOT NULL, CONSTRAINT "PK_a0134cf4808c73bcd6d9bd5442f" PRIMARY KEY ("job", "slotStart"))`,
    );
    await queryRunner.query(`ALTER TABLE "agents" ADD "heartbeatAuditAt" character varying(24)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "heartbeatAuditAt"`);
    await queryRunner.query(`DROP TABLE "scheduled_slots"`);
  }
}
