import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `action_definitions.hasPrepare` becomes nullable: `true`/`false` when the agent reports it (our
 * SDK does), null when it does not (agents that predate the field). The console's prepare is then
 * answered from the catalog for `false` and asked of the agent otherwise (docs/actions-and-commands.md).
 * Existing rows held a default `false` the agent never sent, so they become null ("ask the agent")
 * until the next report. One SQLite table rebuild (the column's NOT NULL changes); the data is kept,
 * including `removedAt` (added by ActionRemovedAt, which runs before this one).
 */
export class ActionHasPrepareNullable1764390000000 implements MigrationInterface {
  name = 'ActionHasPrepareNullable1764390000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await rebuild(
      queryRunner,
      `CREATE TABLE "temporary_action_definitions" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "name" text NOT NULL, "label" text NOT NULL, "description" text, "dangerLevel" text NOT NULL DEFAULT ('LOW'), "requiresConfirmation" boolean NOT NULL DEFAULT (0), "inputSchemaJson" text NOT NULL DEFAULT ('{}'), "resultSchemaJson" text NOT NULL DEFAULT ('{}'), "timeoutSeconds" integer, "enabled" boolean NOT NULL DEFAULT (1), "hasPrepare" boolean, "metadataJson" text NOT NULL DEFAULT ('{}'), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, "removedAt" varchar(24), CONSTRAINT "FK_40f7b88abb2ac9f53b237718565" FOREIGN KEY ("serviceId") REFERENCES "capsule_services" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
      '"id", "workspaceId", "serviceId", "name", "label", "description", "dangerLevel", "requiresConfirmation", "inputSchemaJson", "resultSchemaJson", "timeoutSeconds", "enabled", NULL, "metadataJson", "createdAt", "updatedAt", "removedAt"',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await rebuild(
      queryRunner,
      `CREATE TABLE "temporary_action_definitions" ("id" varchar(40) PRIMARY KEY NOT NULL, "workspaceId" varchar(40) NOT NULL, "serviceId" varchar(40) NOT NULL, "name" text NOT NULL, "label" text NOT NULL, "description" text, "dangerLevel" text NOT NULL DEFAULT ('LOW'), "requiresConfirmation" boolean NOT NULL DEFAULT (0), "inputSchemaJson" text NOT NULL DEFAULT ('{}'), "resultSchemaJson" text NOT NULL DEFAULT ('{}'), "timeoutSeconds" integer, "enabled" boolean NOT NULL DEFAULT (1), "hasPrepare" boolean NOT NULL DEFAULT (0), "metadataJson" text NOT NULL DEFAULT ('{}'), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, "removedAt" varchar(24), CONSTRAINT "FK_40f7b88abb2ac9f53b237718565" FOREIGN KEY ("serviceId") REFERENCES "capsule_services" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
      '"id", "workspaceId", "serviceId", "name", "label", "description", "dangerLevel", "requiresConfirmation", "inputSchemaJson", "resultSchemaJson", "timeoutSeconds", "enabled", COALESCE("hasPrepare", 0), "metadataJson", "createdAt", "updatedAt", "removedAt"',
    );
  }
}

async function rebuild(queryRunner: QueryRunner, createTemporary: string, selectColumns: string): Promise<void> {
  await queryRunner.query(`DROP INDEX "uq_action_definitions_service_name"`);
  await queryRunner.query(createTemporary);
  await queryRunner.query(
    `INSERT INTO "temporary_action_definitions"("id", "workspaceId", "serviceId", "name", "label", "description", "dangerLevel", "requiresConfirmation", "inputSchemaJson", "resultSchemaJson", "timeoutSeconds", "enabled", "hasPrepare", "metadataJson", "createdAt", "updatedAt", "removedAt") SELECT ${selectColumns} FROM "action_definitions"`,
  );
  await queryRunner.query(`DROP TABLE "action_definitions"`);
  await queryRunner.query(`ALTER TABLE "temporary_action_definitions" RENAME TO "action_definitions"`);
  await queryRunner.query(
    `CREATE UNIQUE INDEX "uq_action_definitions_service_name" ON "action_definitions" ("serviceId", "name") `,
  );
}
