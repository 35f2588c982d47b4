import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `schedules` and `schedule_runs` (docs/schedules.md): scheduled actions and one row per planned time. New tables
 * only, so no rebuild. `idx_schedules_due` serves the ticker's due query; the unique (scheduleId, plannedAt) index
 * makes a second record of the same planned time fail instead of being written twice.
 */
export class Schedules1764630000000 implements MigrationInterface {
  name = 'Schedules1764630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "schedule_runs" ("id" varchar(40) PRIMARY KEY NOT NULL, "scheduleId" varchar(40) NOT NULL, "plannedAt" varchar(24) NOT NULL, "outcome" text NOT NULL, "commandId" varchar(40), "error" text, "replicaId" text NOT NULL, "createdAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_schedule_runs_created" ON "schedule_runs" ("createdAt") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_schedule_runs_planned" ON "schedule_runs" ("scheduleId", "plannedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "schedules" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "name" text NOT NULL, "serviceId" varchar(40) NOT NULL, "actionName" text NOT NULL, "kind" text NOT NULL, "cron" text, "runAt" varchar(24), "timeZone" text NOT NULL DEFAULT ('UTC'), "payloadJson" text NOT NULL DEFAULT ('{}'), "sealedPayload" text, "enabled" boolean NOT NULL DEFAULT (1), "skipIfRunning" boolean NOT NULL DEFAULT (0), "nextRunAt" varchar(24), "lastRunAt" varchar(24), "lastCommandId" varchar(40), "createdByUserId" varchar(40), "createdByType" text NOT NULL, "createdById" text, "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "idx_schedules_due" ON "schedules" ("enabled", "nextRunAt") `);
    await queryRunner.query(`CREATE INDEX "idx_schedules_service" ON "schedules" ("serviceId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "idx_schedules_ws_created" ON "schedules" ("workspaceId", "createdAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_schedules_ws_created"`);
    await queryRunner.query(`DROP INDEX "idx_schedules_service"`);
    await queryRunner.query(`DROP INDEX "idx_schedules_due"`);
    await queryRunner.query(`DROP TABLE "schedules"`);
    await queryRunner.query(`DROP INDEX "uq_schedule_runs_planned"`);
    await queryRunner.query(`DROP INDEX "idx_schedule_runs_created"`);
    await queryRunner.query(`DROP TABLE "schedule_runs"`);
  }
}
