import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `action_definitions.removedAt`: set when a service report no longer lists the action. The row
 * stays (the catalog hides it, its commands keep their history, a later report restores it under
 * the same id). A nullable column added in place, so no table rebuild. Its timestamp sits before
 * the example extension migrations (1764400000000+), as ListIndexes' does.
 */
export class ActionRemovedAt1764370000000 implements MigrationInterface {
  name = 'ActionRemovedAt1764370000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "action_definitions" ADD COLUMN "removedAt" varchar(24)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "action_definitions" DROP COLUMN "removedAt"`);
  }
}
