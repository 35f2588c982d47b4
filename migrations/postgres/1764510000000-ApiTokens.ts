import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `api_tokens` on PostgreSQL: the same table as the SQLite migration of the same name, in plain PostgreSQL types
 * (the column helpers of src/database/columns.ts map to varchar(n) and text).
 */
export class ApiTokens1764510000000 implements MigrationInterface {
  name = 'ApiTokens1764510000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_tokens" ("id" character varying(40) NOT NULL, "workspaceId" character varying(40) NOT NULL, "name" text NOT NULL, "tokenHash" text NOT NULL, "hint" text NOT NULL, "role" text NOT NULL, "subjectType" text NOT NULL, "userId" character varying(40), "serviceAccount" text, "scopeJson" text, "status" text NOT NULL DEFAULT 'ACTIVE', "expiresAt" character varying(24) NOT NULL, "lastUsedAt" character varying(24), "lastUsedIp" text, "createdByUserId" character varying(40), "revokedAt" character varying(24), "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "UQ_cdac8e064e6e9c2e0835d1c1b86" UNIQUE ("tokenHash"), CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_api_tokens_status_expires" ON "api_tokens" ("status", "expiresAt") `);
    await queryRunner.query(`CREATE INDEX "idx_api_tokens_ws_created" ON "api_tokens" ("workspaceId", "createdAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_api_tokens_ws_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_api_tokens_status_expires"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
  }
}
