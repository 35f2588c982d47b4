import { MigrationInterface, QueryRunner } from 'typeorm';
import { isSensitiveKey } from '../../src/common/redaction/redact';
import { usernameKey } from '../../src/users/username-key';

/**
 * Security hardening (docs/security.md):
 * - `login_throttle`: failed-login budgets in the database, shared by replicas.
 * - `sessions.csrfToken` is dropped: the token is now derived from the session cookie, so no
 *   database or backup holds a usable one. Open sessions survive; the console fetches the new
 *   token by itself on its next mutation (a 403 `CSRF_INVALID` triggers one refresh).
 * - `users.usernameKey`: the NFKC, case-folded form of the username, unique. Existing rows whose
 *   names already collide keep working: the oldest gets the plain key, the others a key suffixed
 *   with their id, so they still log in by their exact spelling while new look-alikes are refused.
 * - Config items whose key looks secret (`DB_PASSWORD`) lose any stored value preview and become
 *   sensitive, whatever flag the agent sent.
 */
export class SecurityHardening1764360000000 implements MigrationInterface {
  name = 'SecurityHardening1764360000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_throttle" ("key" varchar(64) PRIMARY KEY NOT NULL, "windowStart" varchar(24) NOT NULL, "count" integer NOT NULL)`,
    );
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(`DROP INDEX "idx_sessions_expires"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_sessions" ("id" varchar(40) PRIMARY KEY NOT NULL, "userId" varchar(40) NOT NULL, "idHash" text NOT NULL, "expiresAt" varchar(24) NOT NULL, "ipAddress" text, "userAgent" text, "createdAt" varchar(24) NOT NULL, CONSTRAINT "UQ_be5683b29057c1a5a1947a3349c" UNIQUE ("idHash"), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_sessions"("id", "userId", "idHash", "expiresAt", "ipAddress", "userAgent", "createdAt") SELECT "id", "userId", "idHash", "expiresAt", "ipAddress", "userAgent", "createdAt" FROM "sessions"`,
    );
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`ALTER TABLE "temporary_sessions" RENAME TO "sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`CREATE INDEX "idx_sessions_expires" ON "sessions" ("expiresAt") `);
    await queryRunner.query(`DROP INDEX "idx_users_workspace_created"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_users" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "username" text NOT NULL, "passwordHash" text NOT NULL, "displayName" text, "role" text NOT NULL DEFAULT ('viewer'), "status" text NOT NULL DEFAULT ('ACTIVE'), "lastLoginAt" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, "usernameKey" text NOT NULL, CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"))`,
    );
    // A unique placeholder per row; the real keys are computed below (NFKC has no SQL form).
    await queryRunner.query(
      `INSERT INTO "temporary_users"("id", "workspaceId", "username", "passwordHash", "displayName", "role", "status", "lastLoginAt", "createdAt", "updatedAt", "usernameKey") SELECT "id", "workspaceId", "username", "passwordHash", "displayName", "role", "status", "lastLoginAt", "createdAt", "updatedAt", 'pending:' || "id" FROM "users"`,
    );
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`ALTER TABLE "temporary_users" RENAME TO "users"`);
    await queryRunner.query(`CREATE INDEX "idx_users_workspace_created" ON "users" ("workspaceId", "createdAt") `);
    const users: { id: string; username: string }[] = await queryRunner.query(
      `SELECT "id", "username" FROM "users" ORDER BY "createdAt", "id"`,
    );
    const taken = new Set<string>();
    for (const user of users) {
      const plain = usernameKey(user.username);
      const key = taken.has(plain) ? `${plain}\u0000${user.id}` : plain;
      taken.add(key);
      await queryRunner.query(`UPDATE "users" SET "usernameKey" = ? WHERE "id" = ?`, [key, user.id]);
    }
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_username_key" ON "users" ("usernameKey") `);
    const configs: { id: string; configKey: string }[] = await queryRunner.query(
      `SELECT "id", "configKey" FROM "config_items" WHERE "sensitive" = 0 AND ("valuePreview" IS NOT NULL OR "defaultValue" IS NOT NULL)`,
    );
    for (const config of configs.filter((c) => isSensitiveKey(c.configKey))) {
      await queryRunner.query(
        `UPDATE "config_items" SET "sensitive" = 1, "valuePreview" = NULL, "defaultValue" = NULL WHERE "id" = ?`,
        [config.id],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_users_username_key"`);
    await queryRunner.query(`DROP INDEX "idx_users_workspace_created"`);
    // Copy-then-rename (not rename-then-copy): renaming "users" away would rewrite the
    // sessions foreign key to the temporary name, which is then dropped.
    await queryRunner.query(
      `CREATE TABLE "temporary_users" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "username" text NOT NULL, "passwordHash" text NOT NULL, "displayName" text, "role" text NOT NULL DEFAULT ('viewer'), "status" text NOT NULL DEFAULT ('ACTIVE'), "lastLoginAt" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_users"("id", "workspaceId", "username", "passwordHash", "displayName", "role", "status", "lastLoginAt", "createdAt", "updatedAt") SELECT "id", "workspaceId", "username", "passwordHash", "displayName", "role", "status", "lastLoginAt", "createdAt", "updatedAt" FROM "users"`,
    );
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`ALTER TABLE "temporary_users" RENAME TO "users"`);
    await queryRunner.query(`CREATE INDEX "idx_users_workspace_created" ON "users" ("workspaceId", "createdAt") `);
    await queryRunner.query(`DROP INDEX "idx_sessions_expires"`);
    await queryRunner.query(`DROP INDEX "idx_sessions_user"`);
    await queryRunner.query(`ALTER TABLE "sessions" RENAME TO "temporary_sessions"`);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" varchar(40) PRIMARY KEY NOT NULL, "userId" varchar(40) NOT NULL, "idHash" text NOT NULL, "csrfToken" text NOT NULL, "expiresAt" varchar(24) NOT NULL, "ipAddress" text, "userAgent" text, "createdAt" varchar(24) NOT NULL, CONSTRAINT "UQ_be5683b29057c1a5a1947a3349c" UNIQUE ("idHash"), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    // The old schema needs a stored token; derived ones cannot be written back, so sessions end.
    await queryRunner.query(`DELETE FROM "temporary_sessions"`);
    await queryRunner.query(
      `INSERT INTO "sessions"("id", "userId", "idHash", "csrfToken", "expiresAt", "ipAddress", "userAgent", "createdAt") SELECT "id", "userId", "idHash", '', "expiresAt", "ipAddress", "userAgent", "createdAt" FROM "temporary_sessions"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_sessions"`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_expires" ON "sessions" ("expiresAt") `);
    await queryRunner.query(`CREATE INDEX "idx_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
  }
}
