import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims that hold across replicas (issue 18): `scheduled_slots`, one row per scheduled job run
 * (the replica whose insert lands runs that interval), and `agents.heartbeatAuditAt`, the
 * last claimed sampled heartbeat audit. Both nullable or new, so no table rebuild. The same
 * timestamp and name as the PostgreSQL migration.
 */
export class ScaleOutClaims1764410000000 implements MigrationInterface {
  name = 'ScaleOutClaims1764410000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "scheduled_slots" ("job" varchar(64) NOT NULL, "slotStart" varchar(24) NOT NULL, "replicaId" text NOT NULL, "claimedAt" varchar(24) NOT NULL, PRIMARY KEY ("job", "slotStart"))`,
    );
    await queryRunner.query(`ALTER TABLE "agents" ADD COLUMN "heartbeatAuditAt" varchar(24)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agents" DROP COLUMN "heartbeatAuditAt"`);
    await queryRunner.query(`DROP TABLE "scheduled_slots"`);
  }
}
