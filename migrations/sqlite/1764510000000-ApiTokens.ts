import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `api_tokens` (docs/api-tokens-and-cli.md): API tokens for scripts and CI, stored as the SHA-256 of the secret.
 * A new table only, so no rebuild; the indexes serve the owner's list and the sweep's purge.
 */
export class ApiTokens1764510000000 implements MigrationInterface {
  name = 'ApiTokens1764510000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_tokens" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "name" text NOT NULL, "tokenHash" text NOT NULL, "hint" text NOT NULL, "role" text NOT NULL, "subjectType" text NOT NULL, "userId" varchar(40), "serviceAccount" text, "scopeJson" text, "status" text NOT NULL DEFAULT ('ACTIVE'), "expiresAt" varchar(24) NOT NULL, "lastUsedAt" varchar(24), "lastUsedIp" text, "createdByUserId" varchar(40), "revokedAt" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, CONSTRAINT "UQ_cdac8e064e6e9c2e0835d1c1b86" UNIQUE ("tokenHash"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_api_tokens_status_expires" ON "api_tokens" ("status", "expiresAt") `);
    await queryRunner.query(`CREATE INDEX "idx_api_tokens_ws_created" ON "api_tokens" ("workspaceId", "createdAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_api_tokens_ws_created"`);
    await queryRunner.query(`DROP INDEX "idx_api_tokens_status_expires"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
  }
}
