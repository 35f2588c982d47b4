import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the admin list filters (issue 11, "Lists at size"). Audit indexes lead with
 * workspaceId, which every audit list query constrains, so the COUNT(*) behind pagination.total is
 * a covering index scan; commands lists have no workspace predicate, so theirs lead with the filter
 * column and end with createdAt for the newest-first order. Index-only change: no data is rewritten.
 * Reviewed against the entity @Index decorators (generated with `npm run migration:generate`).
 * Its timestamp sits between Init and the example extension migrations (1764400000000+) so that an
 * extension's migrations still run, and revert, after the core ones; TypeORM runs every migration
 * not yet recorded, whatever its timestamp, so existing databases get it too.
 */
export class ListIndexes1764350000000 implements MigrationInterface {
  name = 'ListIndexes1764350000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_audit_ws_actor_type_created" ON "audit_events" ("workspaceId", "actorType", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_audit_ws_result_created" ON "audit_events" ("workspaceId", "result", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_audit_ws_action_actor_created" ON "audit_events" ("workspaceId", "action", "actorType", "createdAt") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_commands_type_created" ON "commands" ("type", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "idx_commands_agent_created" ON "commands" ("agentId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "idx_commands_status_created" ON "commands" ("status", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "idx_commands_created" ON "commands" ("createdAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_commands_created"`);
    await queryRunner.query(`DROP INDEX "idx_commands_status_created"`);
    await queryRunner.query(`DROP INDEX "idx_commands_agent_created"`);
    await queryRunner.query(`DROP INDEX "idx_commands_type_created"`);
    await queryRunner.query(`DROP INDEX "idx_audit_ws_action_actor_created"`);
    await queryRunner.query(`DROP INDEX "idx_audit_ws_result_created"`);
    await queryRunner.query(`DROP INDEX "idx_audit_ws_actor_type_created"`);
  }
}
