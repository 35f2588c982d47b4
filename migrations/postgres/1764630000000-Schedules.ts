import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `schedules` and `schedule_runs` on PostgreSQL: the same tables as the SQLite migration of the same name, in plain
 * PostgreSQL types (the column helpers of src/database/columns.ts map to varchar(n), text and boolean).
 */
export class Schedules1764630000000 implements MigrationInterface {
  name = 'Schedules1764630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "schedule_runs" ("id" character varying(40) NOT NULL, "scheduleId" character varying(40) NOT NULL, "plannedAt" character varying(24) NOT NULL, "outcome" text NOT NULL, "commandId" character varying(40), "error" text, "replicaId" text NOT NULL, "createdAt" character varying(24) NOT NULL, CONSTRAINT "PK_ef93e91d5380c5f16f34c274af0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_schedule_runs_created" ON "schedule_runs" ("createdAt") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_schedule_runs_planned" ON "schedule_runs" ("scheduleId", "plannedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "schedules" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40) NOT NULL, "name" text NOT NULL, "serviceId" character varying(40) NOT NULL, "actionName" text NOT NULL, "kind" text NOT NULL, "cron" text, "runAt" character varying(24), "timeZone" text NOT NULL DEFAULT 'UTC', "payloadJson" text NOT NULL DEFAULT '{}', "sealedPayload" text, "enabled" boolean NOT NULL DEFAULT true, "skipIfRunning" boolean NOT NULL DEFAULT false, "nextRunAt" character varying(24), "lastRunAt" character varying(24), "lastCommandId" character varying(40), "createdByUserId" character varying(40), "createdByType" text NOT NULL, "createdById" text, "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "PK_7e33fc2ea755a5765e3564e66dd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_schedules_due" ON "schedules" ("enabled", "nextRunAt") `);
    await queryRunner.query(`CREATE INDEX "idx_schedules_service" ON "schedules" ("serviceId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "idx_schedules_ws_created" ON "schedules" ("workspaceId", "createdAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_schedules_ws_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_schedules_service"`);
    await queryRunner.query(`DROP INDEX "public"."idx_schedules_due"`);
    await queryRunner.query(`DROP TABLE "schedules"`);
    await queryRunner.query(`DROP INDEX "public"."uq_schedule_runs_planned"`);
    await queryRunner.query(`DROP INDEX "public"."idx_schedule_runs_created"`);
    await queryRunner.query(`DROP TABLE "schedule_runs"`);
  }
}
